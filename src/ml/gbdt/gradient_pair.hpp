#pragma once
// First and second derivatives of the loss for one row and one output. They are stored as
// float (half the memory traffic of the histogram loops) and summed in double (a million floats
// summed in float would lose the small ones).
namespace sonic::ml::gbdt {

struct GradientPair {
  float grad = 0;
  float hess = 0;
};

struct GradientSum {
  double grad = 0;
  double hess = 0;

  GradientSum& operator+=(GradientPair pair) {
    grad += static_cast<double>(pair.grad);
    hess += static_cast<double>(pair.hess);
    return *this;
  }
  GradientSum& operator+=(const GradientSum& other) {
    grad += other.grad;
    hess += other.hess;
    return *this;
  }
  GradientSum& operator-=(const GradientSum& other) {
    grad -= other.grad;
    hess -= other.hess;
    return *this;
  }
  friend GradientSum operator+(GradientSum a, const GradientSum& b) { return a += b; }
  friend GradientSum operator-(GradientSum a, const GradientSum& b) { return a -= b; }
};

}  // namespace sonic::ml::gbdt
