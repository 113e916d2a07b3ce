#pragma once
// The error ml/ throws for an argument out of range (k below 1, an MLP option, a gbdt setting,
// more folds than rows). ml/ knows nothing of exit codes: where user-given options reach it, the
// caller says what the failure means (`main` and retrain's steps: bad usage, exit 2). Bad data
// is still sonic::InputError (core/error.hpp), as for every other module.
#include <stdexcept>

namespace sonic::ml {

class InvalidArgument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace sonic::ml
