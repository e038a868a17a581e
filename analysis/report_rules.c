/* The report's rules: which measures it reads and how they scale to the province, when a
 * difference is a headline (clear of zero and of a meaningful size), how it is coloured (by
 * direction and desirability, never by significance) and how its numbers read (three
 * significant digits, the sign in the words). docs/report.md describes them for readers. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"
#include "sim/output.h"

/* Public money: every public instrument's spending and overhead and what organising costs (the
 * levers without money of their own: guidance staff, a front office, the table's meetings,
 * outreach, the public part of company scans). The sector funds are the employers' levy. */
#define PUBLIC_MONEY                                                                                                      \
    {"jobseeker_fund_spent_eur", "jobseeker_fund_overhead_eur", "regional_fund_spent_eur", "regional_fund_overhead_eur",  \
     "sme_subsidy_spent_eur", "sme_subsidy_overhead_eur", "learning_budget_spent_eur", "learning_budget_overhead_eur",    \
     "public_provider_spent_eur", "public_provider_overhead_eur", "orchestrator_staff_eur", "front_office_eur",          \
     "convening_eur", "outreach_eur", "company_scans_public_eur", NULL}

/* Default meaningful sizes (docs/report.md): half a percentage point of a share, 0.01 of an
 * index, 1% of the base's level for counts and money. Smaller differences can be clear with
 * enough replicates and still not worth a memo's sentence. */
const lla_measure lla_measures[] = {
    {"participation_24m_employed", "two-year participation of employed workers", LLA_UNIT_SHARE, +1, 0.5, 0, {NULL}},
    {"participation_24m_low_educated", "two-year participation of low-educated workers", LLA_UNIT_SHARE, +1, 0.5, 0, {NULL}},
    {"participation_24m_small_firms", "two-year participation of staff of small firms (1-9)", LLA_UNIT_SHARE, +1, 0.5, 0, {NULL}},
    {"participation_24m_unemployed", "two-year participation of job seekers", LLA_UNIT_SHARE, +1, 0.5, 0, {NULL}},
    {"never_trained_employed", "employed workers who never trained", LLA_UNIT_SHARE, -1, 0.5, 0, {NULL}},
    {"public_money", "public money (instruments and organising)", LLA_UNIT_EUR, 0, 1, 1, PUBLIC_MONEY},
    {"employers_money", "employers' money (training budgets and company scans)", LLA_UNIT_EUR, 0, 1, 1,
     {"employer_spent_eur", "company_scans_employer_eur", NULL}},
    {"informal_learning_share", "share of work time spent learning on the job", LLA_UNIT_SHARE, +1, 0.5, 0, {NULL}},
    {"skill_gap_mean", "mean skill gap (0 to 1)", LLA_UNIT_INDEX, -1, 0.01, 0, {NULL}},
    {"provider_fit_mean", "fit of providers' courses with what sectors need (0 to 1)", LLA_UNIT_INDEX, +1, 0.01, 0, {NULL}},
    {"trust_in_orchestrator", "trust in the orchestrators (0 to 1)", LLA_UNIT_INDEX, +1, 0.01, 0, {NULL}},
    {"agenda_strength", "strength of the shared regional agenda (0 to 1)", LLA_UNIT_INDEX, +1, 0.01, 0, {NULL}},
    {"fragmentation_index", "fragmentation of front doors and funding (0 to 1)", LLA_UNIT_INDEX, -1, 0.01, 0, {NULL}},
    {"course_starts", "courses started", LLA_UNIT_COUNT, +1, 1, 1, {NULL}},
    {"referral_losses", "people lost after a wrong front door", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"guidance_waiting", "people waiting for guidance", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"guidance_sessions", "people guided", LLA_UNIT_COUNT, +1, 1, 1, {NULL}},
    {"refused_requests", "course requests nobody would pay for", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"funding_applications", "applications to funding instruments", LLA_UNIT_COUNT, +1, 1, 1, {NULL}},
    {"funding_forgone", "funding instruments open to a person but not applied to", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"seat_shortages", "course claims that found no seat", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"employer_refusals", "requests employers refused to support", LLA_UNIT_COUNT, -1, 1, 1, {NULL}},
    {"employer_funded_starts", "employees' starts the employer paid towards", LLA_UNIT_COUNT, 0, 1, 1, {NULL}},
    {"course_completions", "courses completed", LLA_UNIT_COUNT, +1, 1, 1, {NULL}},
};
const int lla_n_measures = (int)(sizeof lla_measures / sizeof lla_measures[0]);

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

const lla_measure *lla_measure_of(const lla_run *base, const char *key, lla_guess *scratch)
{
    for (int k = 0; k < lla_n_measures; k++)
        if (!strcmp(lla_measures[k].key, key)) return &lla_measures[k];
    if (lla_series_find(base, "all", "", "", key) < 0) return NULL;
    /* A column the report has no words for: its unit from its name, no desirability. */
    lla_measure m = {.key = key, .better = 0, .terms = {NULL}};
    /* "learning_budget_spent_eur" reads "learning budget spent (learning_budget_spent_eur)". */
    size_t len = strlen(key);
    if (ends_with(key, "_eur")) len -= 4;
    snprintf(scratch->text, sizeof scratch->text, "%.*s (%s)", (int)len, key, key);
    for (size_t k = 0; k < len; k++)
        if (scratch->text[k] == '_') scratch->text[k] = ' ';
    m.label = scratch->text;
    if (ends_with(key, "_eur")) m.unit = LLA_UNIT_EUR;
    else if (strstr(key, "participation") || strstr(key, "share") || strstr(key, "never_trained")) m.unit = LLA_UNIT_SHARE;
    else if (strstr(key, "trust") || strstr(key, "index") || strstr(key, "_mean") || strstr(key, "fit") ||
             strstr(key, "strength") || strstr(key, "multiplier") || strstr(key, "tightness") || strstr(key, "urgency") ||
             strstr(key, "boost"))
        m.unit = LLA_UNIT_INDEX;
    else m.unit = LLA_UNIT_COUNT;
    m.threshold = m.unit == LLA_UNIT_SHARE ? 0.5 : m.unit == LLA_UNIT_INDEX ? 0.01 : 1;
    m.relative = m.unit == LLA_UNIT_COUNT || m.unit == LLA_UNIT_EUR;
    scratch->m = m;
    return &scratch->m;
}

double lla_province(double x, lla_unit u, double scale)
{
    double up = scale > 0 ? 1 / scale : 1;
    switch (u) {
    case LLA_UNIT_SHARE: return 100 * x;
    case LLA_UNIT_INDEX: return x;
    case LLA_UNIT_COUNT: return x * up;
    case LLA_UNIT_EUR: return 12 * x * up;
    }
    return x;
}

double lla_measure_rep(const lla_comparison *c, int r, const lla_measure *m, const char *region, int k)
{
    const lla_run *run = c->runs[r];
    const lla_period *p = &c->periods[c->n_periods - 1];
    double sum = 0;
    int found = 0;
    const char *const *terms = m->terms[0] ? m->terms : (const char *const[]){m->key, NULL};
    for (int t = 0; t < LLA_MEASURE_TERMS && terms[t]; t++) {
        long s = lla_series_find(run, region, "", "", terms[t]);
        if (s < 0) continue; /* a term this version does not write: nothing spent on it */
        double v = lla_period_mean(run, (size_t)s, k, p);
        if (isnan(v)) return NAN;
        sum += v;
        found++;
    }
    return found ? lla_province(sum, m->unit, run->shape.scale) : NAN;
}

lla_paired lla_paired_of(const double *alt, const double *base, int n)
{
    double *d = malloc((size_t)(n > 0 ? n : 1) * 3 * sizeof *d), *a = d + n, *b = d + 2 * n;
    lla_paired p = {NAN, NAN, {NAN, NAN, NAN, NAN, 0}, 0};
    if (!d) return p;
    for (int k = 0; k < n; k++) {
        int both = !isnan(alt[k]) && !isnan(base[k]);
        a[k] = both ? alt[k] : NAN;
        b[k] = both ? base[k] : NAN;
        d[k] = a[k] - b[k];
    }
    p.alt = lla_estimate_of(a, n).mean;
    p.base = lla_estimate_of(b, n).mean;
    p.d = lla_estimate_of(d, n);
    /* The same difference in every replicate (a rule applied alike to every draw): exact, up
     * to the rounding of the sums. */
    if (p.d.n >= 2 && p.d.sd <= 1e-9 * fmax(1, fabs(p.d.mean))) {
        p.exact = 1;
        p.d.ci_low = p.d.ci_high = p.d.mean;
    }
    free(d);
    return p;
}

lla_paired lla_measure_paired(const lla_comparison *c, int alt, const lla_measure *m, const char *region)
{
    int n = c->runs[0]->shape.replicates;
    double *x = malloc((size_t)n * 2 * sizeof *x), *y = x ? x + n : NULL;
    if (!x) return (lla_paired){NAN, NAN, {NAN, NAN, NAN, NAN, 0}, 0};
    for (int k = 0; k < n; k++) {
        x[k] = lla_measure_rep(c, alt, m, region, k);
        y[k] = lla_measure_rep(c, 0, m, region, k);
    }
    lla_paired p = lla_paired_of(x, y, n);
    free(x);
    return p;
}

lla_ratio lla_ratio_of(const double *num, const double *den, int n)
{
    lla_ratio r = {NAN, NAN, NAN, 0};
    double sn = 0, sd = 0;
    for (int k = 0; k < n; k++)
        if (!isnan(num[k]) && !isnan(den[k])) {
            sn += num[k];
            sd += den[k];
            r.n++;
        }
    if (r.n == 0 || sd == 0) return r;
    double mn = sn / r.n, md = sd / r.n;
    r.ratio = mn / md;
    if (r.n < 2) return r;
    /* Delta method for a ratio of means: the residuals num_k - R den_k carry its variance. */
    double ss = 0;
    for (int k = 0; k < n; k++)
        if (!isnan(num[k]) && !isnan(den[k])) {
            double e = num[k] - r.ratio * den[k];
            ss += e * e;
        }
    double se = sqrt(ss / (r.n - 1)) / sqrt((double)r.n) / fabs(md);
    double half = se == 0 ? 0 : gsl_cdf_tdist_Pinv(0.975, r.n - 1) * se;
    r.low = r.ratio - half;
    r.high = r.ratio + half;
    return r;
}

/* ---- thresholds ---- */

int lla_threshold_parse(const char *spec, char *key, size_t keylen, double *size, int *relative, char *err, size_t errlen)
{
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec || (size_t)(eq - spec) >= keylen) {
        snprintf(err, errlen, "--threshold '%s': expected INDICATOR=SIZE or INDICATOR=N%%", spec);
        return -1;
    }
    snprintf(key, keylen, "%.*s", (int)(eq - spec), spec);
    char *end;
    double v = strtod(eq + 1, &end);
    *relative = *end == '%';
    if (*relative) end++;
    if (end == eq + 1 || *end || !(v >= 0) || !isfinite(v)) {
        snprintf(err, errlen, "--threshold %s: '%s' is not a size of 0 or more (a number in the unit the report shows, or N%%)",
                 key, eq + 1);
        return -1;
    }
    *size = v;
    return 0;
}

int lla_threshold_check(const char *spec, char *err, size_t errlen)
{
    char key[64];
    double size;
    int relative;
    if (lla_threshold_parse(spec, key, sizeof key, &size, &relative, err, errlen) != 0) return -1;
    for (int k = 0; k < lla_n_measures; k++)
        if (!strcmp(lla_measures[k].key, key)) return 0;
    llo_buf h;
    llo_buf_init(&h);
    llo_buf_append(&h, ",", 1);
    llo_timeseries_header(&h);
    if (!h.failed && h.len && h.data[h.len - 1] == '\n') h.data[h.len - 1] = ',';
    llo_buf_append(&h, "", 1);
    char want[80];
    snprintf(want, sizeof want, ",%s,", key);
    int found = !h.failed && strstr(h.data, want) != NULL;
    llo_buf_free(&h);
    if (!found) snprintf(err, errlen, "--threshold %s: no such indicator (a timeseries.csv column, public_money or employers_money)", key);
    return found ? 0 : -1;
}

double lla_threshold_of(const lla_comparison *c, const lla_measure *m, double base)
{
    double size = m->threshold;
    int relative = m->relative, set = 0;
    for (int k = 0; k < c->n_thresholds; k++)
        if (!strcmp(c->thresholds[k].key, m->key)) {
            size = c->thresholds[k].size;
            relative = c->thresholds[k].relative;
            set = 1;
        }
    double t = relative ? size / 100 * (isnan(base) ? 0 : fabs(base)) : size;
    /* A default share of a level near zero (money a scheme never had) would make cents a
     * headline: the defaults never go below EUR 10,000 a year or one person a month at 1:1. */
    if (!set && m->unit == LLA_UNIT_EUR && t < 10000) t = 10000;
    if (!set && m->unit == LLA_UNIT_COUNT && t < 1) t = 1;
    return t;
}

lla_verdict lla_verdict_of(const lla_paired *p, double threshold)
{
    if (isnan(p->d.mean)) return LLA_NOT_CLEAR;
    int clear = p->exact ? p->d.mean != 0 : p->d.n >= 2 && (p->d.ci_low > 0 || p->d.ci_high < 0);
    if (!clear) return LLA_NOT_CLEAR;
    return fabs(p->d.mean) >= threshold ? LLA_HEADLINE : LLA_CLEAR_SMALL;
}

const char *lla_direction_class(const lla_paired *p, const lla_measure *m)
{
    int dir = p->d.mean > 0 ? 1 : p->d.mean < 0 ? -1 : 0;
    int v = dir * m->better;
    return v > 0 ? "better" : v < 0 ? "worse" : "neutral";
}

/* ---- numbers ---- */

/* Appends the digits of a non-negative number printed with `decimals` decimals, with commas
 * between thousands. */
static void grouped(llo_buf *b, double a, int decimals)
{
    char text[64];
    snprintf(text, sizeof text, "%.*f", decimals, a);
    size_t digits = strspn(text, "0123456789");
    for (size_t k = 0; k < digits; k++) {
        if (k && (digits - k) % 3 == 0) llo_buf_append(b, ",", 1);
        llo_buf_append(b, text + k, 1);
    }
    llo_buf_printf(b, "%s", text + digits);
}

/* The decimals and rounding step that give ref three significant digits. */
static int decimals_for(double ref, double *step)
{
    double a = fabs(ref);
    *step = 0;
    if (!(a > 0) || !isfinite(a)) return 0;
    int e = (int)floor(log10(a));
    /* 0.99951 rounds to 1.00: one digit fewer after the point. */
    if (a / pow(10, e) >= 9.995) e++;
    if (e >= 2) {
        *step = pow(10, e - 2);
        return 0;
    }
    int d = 2 - e;
    return d > 12 ? 12 : d;
}

static void sig3_with(llo_buf *b, double x, double ref, int sign)
{
    if (isnan(x)) {
        llo_buf_printf(b, "n/a");
        return;
    }
    int millions = fabs(ref) >= 1e6;
    double shown = millions ? x / 1e6 : x, rs = millions ? ref / 1e6 : ref, step;
    int decimals = decimals_for(rs, &step);
    if (step > 0) shown = round(shown / step) * step;
    double unit = pow(10, -decimals);
    int zero = fabs(shown) < unit / 2; /* rounds to zero: no sign, never "-0" */
    if (!zero && shown < 0) llo_buf_printf(b, "-");
    else if (!zero && sign) llo_buf_printf(b, "+");
    grouped(b, fabs(shown), decimals);
    if (millions) llo_buf_printf(b, " million");
}

void lla_sig3(llo_buf *b, double x, int sign) { sig3_with(b, x, x, sign); }
void lla_sig3_like(llo_buf *b, double x, double ref, int sign) { sig3_with(b, x, ref == 0 || isnan(ref) ? x : ref, sign); }

const char *lla_unit_words(lla_unit u)
{
    switch (u) {
    case LLA_UNIT_SHARE: return " percentage points";
    case LLA_UNIT_COUNT: return " a month";
    case LLA_UNIT_EUR: return " a year";
    default: return "";
    }
}

static void money_sign(llo_buf *b, lla_unit u)
{
    if (u == LLA_UNIT_EUR) llo_buf_printf(b, "&euro;");
}

void lla_level(llo_buf *b, double x, lla_unit u)
{
    if (isnan(x)) {
        llo_buf_printf(b, "n/a");
        return;
    }
    money_sign(b, u);
    lla_sig3(b, x, 0);
    llo_buf_printf(b, "%s", u == LLA_UNIT_SHARE ? "%" : u == LLA_UNIT_COUNT ? " a month" : u == LLA_UNIT_EUR ? " a year" : "");
}

/* "+€1.68 million", "-0.0114": the sign first, then the euro sign. */
static void signed_amount(llo_buf *b, double x, double ref, lla_unit u)
{
    llo_buf t;
    llo_buf_init(&t);
    lla_sig3_like(&t, x, ref, 1);
    llo_buf_append(&t, "", 1);
    if (t.failed) return;
    const char *digits = t.data;
    /* Money in one piece: a line never breaks between its sign and the euro sign. */
    if (u == LLA_UNIT_EUR) llo_buf_printf(b, "<span class=\"n\">");
    if (*digits == '+' || *digits == '-') llo_buf_append(b, digits++, 1);
    money_sign(b, u);
    llo_buf_printf(b, "%s", digits);
    if (u == LLA_UNIT_EUR) llo_buf_printf(b, "</span>");
    llo_buf_free(&t);
}

/* The reference for the decimals of an estimate and its bounds: the estimate's three significant
 * digits, or the interval's when the estimate is zero. */
static double reference(const lla_paired *p)
{
    double ref = fabs(p->d.mean);
    if (ref == 0 && !p->exact && p->d.n >= 2) ref = (p->d.ci_high - p->d.ci_low) / 2;
    return ref;
}

void lla_difference_words(llo_buf *b, const lla_paired *p, lla_unit u)
{
    if (isnan(p->d.mean)) {
        llo_buf_printf(b, " is not defined in these runs (nobody in its denominator)");
        return;
    }
    double ref = reference(p), m = p->d.mean;
    if (p->exact) {
        if (m == 0) llo_buf_printf(b, " was exactly the same in every replicate");
        else {
            llo_buf_printf(b, " %s by exactly ", m > 0 ? "rose" : "fell");
            money_sign(b, u);
            lla_sig3_like(b, fabs(m), ref, 0);
            llo_buf_printf(b, "%s in every replicate (a deterministic difference: no interval)", lla_unit_words(u));
        }
        return;
    }
    int clear = p->d.n >= 2 && (p->d.ci_low > 0 || p->d.ci_high < 0);
    if (p->d.n < 2) {
        llo_buf_printf(b, " %s by ", m >= 0 ? "rose" : "fell");
        money_sign(b, u);
        lla_sig3(b, fabs(m), 0);
        llo_buf_printf(b, "%s (a single replicate: no interval)", lla_unit_words(u));
        return;
    }
    if (clear) {
        /* The magnitudes after "rose" or "fell", lowest first: the words carry the sign. */
        double lo = m > 0 ? p->d.ci_low : -p->d.ci_high, hi = m > 0 ? p->d.ci_high : -p->d.ci_low;
        llo_buf_printf(b, " %s by ", m > 0 ? "rose" : "fell");
        money_sign(b, u);
        lla_sig3_like(b, fabs(m), ref, 0);
        llo_buf_printf(b, "%s (95%% CI ", lla_unit_words(u));
        money_sign(b, u);
        lla_sig3_like(b, lo, ref, 0);
        llo_buf_printf(b, " to ");
        money_sign(b, u);
        lla_sig3_like(b, hi, ref, 0);
        llo_buf_printf(b, ")");
        return;
    }
    llo_buf_printf(b, " changed by ");
    signed_amount(b, m, ref, u);
    llo_buf_printf(b, "%s (95%% CI ", lla_unit_words(u));
    signed_amount(b, p->d.ci_low, ref, u);
    llo_buf_printf(b, " to ");
    signed_amount(b, p->d.ci_high, ref, u);
    llo_buf_printf(b, "), not distinguishable from zero with %d replicates", p->d.n);
}

void lla_difference_cell(llo_buf *b, const lla_paired *p, lla_unit u, int stacked)
{
    if (isnan(p->d.mean)) {
        llo_buf_printf(b, "n/a");
        return;
    }
    double ref = reference(p);
    signed_amount(b, p->d.mean, ref, u);
    if (p->exact) llo_buf_printf(b, " exact");
    else if (p->d.n >= 2) {
        llo_buf_printf(b, "%s<small>(", stacked ? "<br>" : " ");
        signed_amount(b, p->d.ci_low, ref, u);
        llo_buf_printf(b, " to ");
        signed_amount(b, p->d.ci_high, ref, u);
        llo_buf_printf(b, ")</small>");
    }
}
