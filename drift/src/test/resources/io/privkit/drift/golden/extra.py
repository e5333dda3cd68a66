"""Extra golden values for Privkit's drift tests (run with SciPy 1.17.1, NumPy 2.4.6).

Writes extra.json beside this file. Deterministic: every sample comes from
numpy.random.default_rng(seed) with the seed stated next to it.
"""
import json, math, numpy as np, scipy
from scipy import stats

out = {"versions": {"numpy": np.__version__, "scipy": scipy.__version__}, "cases": []}

def add(kind, **kw):
    kw["kind"] = kind
    out["cases"].append(kw)

def lst(a):
    return [float(v) for v in a]

rng = np.random.default_rng(20251001)
# Small samples: exact CvM, exact Mann-Whitney (no ties), exact KS one- and two-sided.
for (nx, ny, shift) in [(6, 8, 0.0), (7, 5, 1.0), (10, 13, 0.5), (12, 12, 0.8), (20, 15, 0.3), (3, 9, 1.5)]:
    x = rng.normal(0, 1, nx); y = rng.normal(shift, 1, ny)
    x = np.round(x, 6); y = np.round(y, 6)
    c = stats.cramervonmises_2samp(x, y, method='exact')
    ca = stats.cramervonmises_2samp(x, y, method='asymptotic')
    mw = stats.mannwhitneyu(x, y, alternative='two-sided', method='exact')
    mwa = stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic', use_continuity=True)
    ks = {alt: stats.ks_2samp(x, y, alternative=alt, method='exact') for alt in ['two-sided', 'less', 'greater']}
    add("small", x=lst(x), y=lst(y),
        cvm_exact=[float(c.statistic), float(c.pvalue)], cvm_asymp=[float(ca.statistic), float(ca.pvalue)],
        mw_exact=[float(mw.statistic), float(mw.pvalue)], mw_asymp=[float(mwa.statistic), float(mwa.pvalue)],
        ks_exact={k: [float(v.statistic), float(v.pvalue)] for k, v in ks.items()})

# Ties in Mann-Whitney and KS (asymptotic with tie correction).
x = rng.integers(0, 5, 40); y = rng.integers(1, 6, 35)
add("ties", x=lst(x), y=lst(y),
    mw_asymp=[float(v) for v in stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic')],
    ks_exact=[float(v) for v in stats.ks_2samp(x, y, method='exact')[:2]])

# Fisher exact on 2x2 tables.
for t in [[[8, 2], [1, 5]], [[20, 30], [25, 25]], [[0, 10], [10, 0]], [[3, 97], [12, 88]], [[500, 480], [430, 590]]]:
    r = stats.fisher_exact(t, alternative='two-sided')
    rl = stats.fisher_exact(t, alternative='less')
    rg = stats.fisher_exact(t, alternative='greater')
    add("fisher", table=t, odds_ratio=float(r.statistic), p_two_sided=float(r.pvalue),
        p_less=float(rl.pvalue), p_greater=float(rg.pvalue))

# Two-proportion z-test (pooled), closed form with scipy's normal survival function.
for (k1, n1, k2, n2) in [(50, 1000, 70, 1000), (5, 40, 15, 45), (300, 300, 299, 300), (1200, 10000, 1300, 10000)]:
    p = (k1 + k2) / (n1 + n2)
    z = (k2 / n2 - k1 / n1) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    add("ztest", k1=k1, n1=n1, k2=k2, n2=n2, z=z, p=float(2 * stats.norm.sf(abs(z))))

# Kolmogorov distribution (kstwo) across Simard-L'Ecuyer regimes.
for (n, x) in [(5, 0.15), (5, 0.9), (11, 0.38), (11, 0.2), (50, 0.1), (100, 0.25), (140, 0.05), (141, 0.05),
               (500, 0.025), (500, 0.102), (424, 0.10930555555555566), (1000, 0.01), (5000, 0.02), (200000, 0.001),
               (200000, 0.004), (30, 0.6), (30, 0.99), (30, 0.02)]:
    add("kstwo", n=n, x=x, sf=float(stats.kstwo.sf(x, n)))

# Larger unequal samples: exact two-sided KS where n*m is large, and G-test/chi2 on a 2x2.
x = rng.normal(0, 1, 3000); y = rng.normal(0.05, 1, 2500)
r = stats.ks_2samp(x, y, method='exact')
add("ks_large", seed_note="continuation of rng 20251001", n1=3000, n2=2500, x_sum=float(np.sum(x)),
    statistic=float(r.statistic), p=float(r.pvalue), x=lst(x), y=lst(y))

tab = np.array([[120, 380], [160, 340]])
c = stats.chi2_contingency(tab)
cn = stats.chi2_contingency(tab, correction=False)
g = stats.chi2_contingency(tab, correction=False, lambda_='log-likelihood')
add("chi2_2x2", table=tab.tolist(), chi2_yates=[float(c.statistic), float(c.pvalue)],
    chi2=[float(cn.statistic), float(cn.pvalue)], g=[float(g.statistic), float(g.pvalue)])

json.dump(out, open("extra.json", "w"), indent=1)
