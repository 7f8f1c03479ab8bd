# Prints the scipy reference values used in CountLikelihoodTests.Count_LogProbs_Match_Scipy.
# Run: /usr/bin/python3 tests/Vae.Tests/Distributions/count_fixtures.py   (Debian: apt-get install python3-scipy)
import scipy
from scipy.stats import poisson, nbinom

print("scipy", scipy.__version__)
for x, mu in [(0, 1e-30), (5, 2.5), (2500, 2400)]:
    print("poisson", x, mu, repr(float(poisson.logpmf(x, mu))))
for x, mu, theta in [(0, 2.5, 0.05), (7, 2.5, 1), (4321, 5000.5, 13.7), (1, 1e-3, 13.7)]:
    print("nb", x, mu, theta, repr(float(nbinom.logpmf(x, theta, theta / (theta + mu)))))
# (Means far below θ are avoided here: scipy's p = θ/(θ+μ) parametrisation then rounds 1 − p, e.g.
# nbinom.logpmf(1, 13.7, 13.7/(13.7+1e-8)) is off by 1.5e-7; the tests check those cases against sums of logs.)
