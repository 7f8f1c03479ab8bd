"""Writes gmm.json: scikit-learn's GaussianMixture (full covariances) fitted from given initial parameters.

The test (GaussianMixtureEmTests) runs our EM from the same data and the same initial weights, means and covariances
and compares the mean log-likelihood, the parameters and log p(x) at a few points. Needs python3-sklearn (apt).
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture

rng = np.random.default_rng(20261204)
d, k = 3, 3
centres = np.array([[0.0, 0.0, 0.0], [3.0, 1.0, -1.0], [-2.0, 2.5, 1.5]])
scales = [np.array([[1.0, 0.0, 0.0], [0.5, 0.7, 0.0], [0.0, 0.3, 0.4]]),
          np.array([[0.6, 0.0, 0.0], [-0.2, 0.9, 0.0], [0.1, 0.1, 0.5]]),
          np.array([[0.8, 0.0, 0.0], [0.0, 0.5, 0.0], [0.4, -0.3, 0.9]])]
sizes = [150, 100, 70]
x = np.concatenate([c + rng.standard_normal((n, d)) @ s.T for c, s, n in zip(centres, scales, sizes)])

# Initial parameters: three data points as means, the data's covariance for each component, equal weights.
weights0 = np.full(k, 1.0 / k)
means0 = x[[5, 200, 300]].copy()
cov0 = np.stack([np.cov(x.T, bias=True)] * k)

gm = GaussianMixture(n_components=k, covariance_type="full", tol=1e-8, reg_covar=1e-6, max_iter=200,
                     weights_init=weights0, means_init=means0, precisions_init=np.linalg.inv(cov0), random_state=0)
gm.fit(x)
probe = x[:10]
json.dump({
    "generator": f"make_gmm.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
    "tol": 1e-8, "reg_covar": 1e-6, "max_iter": 200,
    "x": x.tolist(),
    "init": {"weights": weights0.tolist(), "means": means0.tolist(), "covariances": cov0.tolist()},
    "lower_bound": gm.lower_bound_, "n_iter": int(gm.n_iter_), "converged": bool(gm.converged_),
    "weights": gm.weights_.tolist(), "means": gm.means_.tolist(), "covariances": gm.covariances_.tolist(),
    "score_samples": gm.score_samples(probe).tolist(),
}, sys.stdout, indent=1)
