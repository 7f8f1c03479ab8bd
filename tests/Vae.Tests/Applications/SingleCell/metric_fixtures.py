# Prints the scikit-learn reference values used in MetricTests.cs.
# Run: /usr/bin/python3 tests/Vae.Tests/Applications/SingleCell/metric_fixtures.py   (Debian: apt-get install python3-sklearn)
import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score as ari, normalized_mutual_info_score as nmi, silhouette_score as sil

print("sklearn", sklearn.__version__)
a = [0, 0, 0, 1, 1, 1]; b = [0, 0, 1, 1, 2, 2]
print("hand case: ari", repr(ari(a, b)), "nmi", repr(nmi(a, b)))
print("silhouette 0,1|4,5:", repr(sil(np.array([[0], [1], [4], [5]]), [0, 0, 1, 1])))
print("silhouette 0,1|10:", repr(sil(np.array([[0], [1], [10]]), [0, 0, 1])))
rng = np.random.RandomState(3)
a = rng.randint(0, 4, 40)
b = (a + (rng.rand(40) < 0.3) * rng.randint(0, 3, 40)) % 5
print("labels a", list(a)); print("labels b", list(b))
print("noisy: ari", repr(ari(a, b)), "nmi", repr(nmi(a, b)))
x = rng.randn(40, 3) + a[:, None] * 1.5
print("silhouette 3-D:", repr(sil(x, a)))
print("points", ",".join(repr(float(v)) for v in x.ravel()))
