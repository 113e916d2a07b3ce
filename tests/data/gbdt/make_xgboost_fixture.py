#!/usr/bin/python3
"""Reference outputs of XGBoost 1.7 (tree_method='hist') for tests/ml/gbdt/xgboost_test.cpp.

Run from the repository root with the system Python that has xgboost 1.7:
    /usr/bin/python3 tests/data/gbdt/make_xgboost_fixture.py
It writes tests/data/gbdt/xgboost_fixture.json: for each case the training and test data (null =
missing), the settings, and XGBoost's test margins, probabilities and SHAP contributions.

Cases:
  binary_exact_bins      every feature has fewer distinct values than max_bin, so XGBoost's
                         quantile sketch keeps every value as a cut and its bins equal sonic's:
                         the trees should be the same, up to float rounding.
  multiclass_exact_bins  the same for 3 classes (softprob, one tree per class per round).
  binary_quantile_bins   continuous features and max_bin 32: the cuts come from XGBoost's
                         quantile sketch (float32, approximate) on one side and from the exact
                         sorted values on the other, so some cuts differ by a value, the trees
                         differ a little and only the predictions are close.
XGBoost 1.7 starts from base_score 0.5; sonic starts from the log-odds of the label mean (binary)
and the log class shares (softmax). The script passes the same starting margins to XGBoost
(base_score = label mean; base_margin = log shares) so that only the trees are compared.
"""
import json
import numpy as np
import xgboost as xgb

rng = np.random.default_rng(20240601)


def with_missing(x, column, share):
    x = x.copy()
    x[rng.random(len(x)) < share, column] = np.nan
    return x


def exact_bin_features(rows):
    # Few distinct values per column (rounded), one column with missing values.
    x = np.column_stack([
        np.round(rng.normal(0, 1, rows), 1),
        np.round(rng.uniform(0, 10, rows)),
        rng.integers(0, 4, rows).astype(float),
        np.round(rng.normal(5, 2, rows), 1),
    ])
    return with_missing(x, 1, 0.15)


def binary_labels(x):
    x0 = np.nan_to_num(x[:, 1], nan=8.0)
    logit = 1.2 * x[:, 0] - 0.4 * x0 + 0.8 * (x[:, 2] == 2) + 0.3 * x[:, 3] - 0.2
    return (rng.random(len(x)) < 1 / (1 + np.exp(-logit))).astype(int)


def multiclass_labels(x):
    x1 = np.nan_to_num(x[:, 1], nan=2.0)
    scores = np.column_stack([x[:, 0], 0.3 * x1 - 1.5, 0.6 * x[:, 2] - 0.5 * x[:, 3] + 1.5])
    scores += rng.gumbel(0, 0.7, scores.shape)
    return scores.argmax(1)


def as_json_matrix(x):
    return [[None if np.isnan(v) else float(v) for v in row] for row in x]


def case(name, x_train, y_train, x_test, params, classes):
    dtrain = xgb.DMatrix(x_train, label=y_train, missing=np.nan)
    dtest = xgb.DMatrix(x_test, missing=np.nan)
    settings = dict(tree_method='hist', max_depth=params['max_depth'], eta=params['learning_rate'],
                    reg_lambda=params['lambda'], min_child_weight=params['min_child_weight'],
                    max_bin=params['max_bin'], gamma=0.0, nthread=1, seed=0)
    if classes == 2:
        settings.update(objective='binary:logistic', base_score=float(y_train.mean()))
    else:
        shares = np.bincount(y_train, minlength=classes) / len(y_train)
        settings.update(objective='multi:softprob', num_class=classes)
        dtrain.set_base_margin(np.tile(np.log(shares), (len(x_train), 1)).ravel())
        dtest.set_base_margin(np.tile(np.log(shares), (len(x_test), 1)).ravel())
    booster = xgb.train(settings, dtrain, params['num_rounds'])
    margin = booster.predict(dtest, output_margin=True).reshape(len(x_test), -1)
    proba = booster.predict(dtest).reshape(len(x_test), -1)
    if classes == 2:
        proba = np.column_stack([1 - proba[:, 0], proba[:, 0]])
    contribs = booster.predict(dtest, pred_contribs=True)
    contribs = contribs.reshape(len(x_test), -1, x_test.shape[1] + 1)  # rows, outputs, features+1
    # XGBoost computes in float32; 9 significant digits give those floats back exactly.
    as_float = lambda a: np.vectorize(lambda v: float('%.9g' % v))(np.asarray(a)).tolist()
    return name, dict(classes=classes, params=params,
                      train=dict(x=as_json_matrix(x_train), y=y_train.tolist()),
                      test=dict(x=as_json_matrix(x_test), margin=as_float(margin),
                                proba=as_float(proba), contributions=as_float(contribs)))


fixture = {'made_by': f'xgboost {xgb.__version__}, tests/data/gbdt/make_xgboost_fixture.py'}
exact = dict(num_rounds=20, max_depth=3, learning_rate=0.3, max_bin=256, min_child_weight=1.0,
             **{'lambda': 1.0})

x_train, x_test = exact_bin_features(400), exact_bin_features(100)
name, data = case('binary_exact_bins', x_train, binary_labels(x_train), x_test, exact, 2)
fixture[name] = data

x_train, x_test = exact_bin_features(450), exact_bin_features(100)
name, data = case('multiclass_exact_bins', x_train, multiclass_labels(x_train), x_test, exact, 3)
fixture[name] = data

quantile = dict(exact, max_bin=32, num_rounds=40, learning_rate=0.1)
x_train = with_missing(np.round(rng.normal(0, 1, (2000, 4)), 2), 1, 0.1)
x_test = with_missing(np.round(rng.normal(0, 1, (200, 4)), 2), 1, 0.1)
name, data = case('binary_quantile_bins', x_train, binary_labels(x_train), x_test, quantile, 2)
fixture[name] = data

with open('tests/data/gbdt/xgboost_fixture.json', 'w') as out:
    json.dump(fixture, out, separators=(',', ':'))
    out.write('\n')
