/* The comparison report's rules on runs built in memory, where every number can be worked out by
 * hand: the headline rule (clear of zero and of a meaningful size), the sign carried by the words,
 * exact differences without an interval, scaling to the province, three significant digits,
 * colours by direction and desirability, the public euros per extra participant and per extra
 * course start against a hand-computed case, and the region map. The plots and report.html of a
 * real comparison are checked in test_analysis.c and tests/test_report_browser.py. */
#include <math.h>

#include "analysis/report_int.h"
#include "testutil.h"

/* ---- runs in memory: one series per column, region "all", constant over months ---- */

enum { MONTHS = 12, REPS = 3, MAX_COLUMNS = 16 };

typedef struct fake {
    lla_run run;
    lla_series series[MAX_COLUMNS];
    double *values[MAX_COLUMNS];
    char dates[MONTHS][8];
} fake;

static void fake_init(fake *f, const char *name, double scale)
{
    memset(f, 0, sizeof *f);
    snprintf(f->run.shape.name, sizeof f->run.shape.name, "%s", name);
    f->run.shape.replicates = REPS;
    f->run.shape.months = MONTHS;
    f->run.shape.scale = scale;
    for (int m = 0; m < MONTHS; m++) snprintf(f->dates[m], 8, "2015-%02d", m + 1);
    f->run.dates = f->dates;
    f->run.series = f->series;
    f->run.values = f->values;
}

/* A column whose value in replicate k is v[k] every month. */
static void fake_column(fake *f, const char *column, const double v[REPS])
{
    size_t s = f->run.n_series++;
    cr_assert_lt(s, MAX_COLUMNS);
    f->series[s] = (lla_series){"all", "", "", (char *)column};
    f->values[s] = malloc(sizeof(double) * REPS * MONTHS);
    for (int k = 0; k < REPS; k++)
        for (int m = 0; m < MONTHS; m++) f->values[s][k * MONTHS + m] = v[k];
}

static void fake_free(fake *f)
{
    for (size_t s = 0; s < f->run.n_series; s++) free(f->values[s]);
}

static lla_comparison comparison_of(lla_run *const *runs, int n)
{
    lla_comparison c;
    memset(&c, 0, sizeof c);
    c.runs = runs;
    c.n_runs = n;
    c.n_periods = lla_periods(runs[0], c.periods, 64);
    return c;
}

/* The hand-computed case, at 1:10. The base: 40% of 1,000 employed and 20% of 100 job seekers took
 * part, the job-seeker fund spends 1,000 a month, 50 courses start a month. The alternative adds
 * e_k = 1.0, 1.2, 1.4 percentage points of the employed, m_k = 100, 130, 160 euros a month and
 * s_k = 2, 3, 4 starts a month in replicates k = 1, 2, 3, and employers pay 0.4 m_k less than their
 * 5,000 a month. */
static void hand_case(fake *base, fake *alt)
{
    fake_init(base, "base", 0.1);
    fake_init(alt, "alt", 0.1);
    fake *both[2] = {base, alt};
    for (int r = 0; r < 2; r++) {
        fake *f = both[r];
        double part[REPS], spent[REPS], starts[REPS], employer[REPS];
        for (int k = 0; k < REPS; k++) {
            part[k] = 0.40 + (r ? 0.010 + 0.002 * k : 0);
            spent[k] = 1000 + (r ? 100 + 30 * k : 0);
            starts[k] = 50 + (r ? 2 + k : 0);
            /* Employers pay 40 cents less for every extra public euro. */
            employer[k] = 5000 - 0.4 * (spent[k] - 1000);
        }
        fake_column(f, "employer_spent_eur", employer);
        fake_column(f, "participation_24m_employed", part);
        fake_column(f, "employed", (double[]){1000, 1000, 1000});
        fake_column(f, "participation_24m_unemployed", (double[]){0.2, 0.2, 0.2});
        fake_column(f, "unemployed", (double[]){100, 100, 100});
        fake_column(f, "jobseeker_fund_spent_eur", spent);
        fake_column(f, "course_starts", starts);
        fake_column(f, "never_trained_employed", (double[]){0.25, 0.25, 0.25});
    }
}

static const lla_measure *measure(const char *key)
{
    for (int k = 0; k < lla_n_measures; k++)
        if (!strcmp(lla_measures[k].key, key)) return &lla_measures[k];
    cr_assert_fail("no measure %s", key);
    return NULL;
}

static char *text_of(llo_buf *b)
{
    llo_buf_append(b, "", 1);
    cr_assert(!b->failed);
    return b->data;
}

/* ---- scaling ---- */

Test(report, counts_and_money_read_at_province_scale)
{
    fake base, alt;
    hand_case(&base, &alt);
    lla_run *runs[2] = {&base.run, &alt.run};
    lla_comparison c = comparison_of(runs, 2);
    lla_measure starts = {.key = "course_starts", .unit = LLA_UNIT_COUNT, .terms = {NULL}};
    /* 50 a month at 1:10 is 500 a month in the province; 1,000 euros a month is 120,000 a year. */
    cr_assert_float_eq(lla_measure_rep(&c, 0, &starts, "all", 0), 500, 1e-9);
    cr_assert_float_eq(lla_measure_rep(&c, 0, measure("public_money"), "all", 0), 120000, 1e-6);
    /* A share is in percent and does not scale. */
    cr_assert_float_eq(lla_measure_rep(&c, 0, measure("participation_24m_employed"), "all", 0), 40, 1e-9);
    cr_assert_float_eq(lla_province(0.25, LLA_UNIT_INDEX, 0.05), 0.25, 0);
    cr_assert_float_eq(lla_province(10, LLA_UNIT_COUNT, 0.05), 200, 1e-9);
    cr_assert_float_eq(lla_province(100, LLA_UNIT_EUR, 0.05), 24000, 1e-9);
    /* People trained within two years at 1:1: (0.4 x 1,000 + 0.2 x 100) x 10. */
    cr_assert_float_eq(lla_participants(&c, 0, 1), 4200, 1e-9);
    fake_free(&base);
    fake_free(&alt);
}

/* ---- the costs, by hand ---- */

Test(report, public_euros_per_extra_participant_and_start_by_hand)
{
    fake base, alt;
    hand_case(&base, &alt);
    lla_run *runs[2] = {&base.run, &alt.run};
    lla_comparison c = comparison_of(runs, 2);
    /* Two years' extra public money 2 x 12 x 10 x m_k = 24,000, 31,200, 38,400 over the extra
     * participants 10 x 1,000 x e_k = 100, 120, 140: R = 31,200 / 120 = 260 euros. The residuals
     * 24,000 - 260 x 100 = -2,000, 0 and +2,000 have sd 2,000, so the delta-method half-width is
     * t(0.975, 2) x 2,000 / sqrt(3) / 120. */
    lla_ratio r = lla_public_per_participant(&c, 1);
    double t = 4.302652729911275, half = t * 2000 / sqrt(3) / 120;
    cr_assert_eq(r.n, 3);
    cr_assert_float_eq(r.ratio, 260, 1e-9);
    cr_assert_float_eq(r.low, 260 - half, 1e-6);
    cr_assert_float_eq(r.high, 260 + half, 1e-6);
    /* A year's extra public money 12,000, 15,600, 19,200 over a year's extra starts 240, 360,
     * 480: R = 15,600 / 360; residuals +1,600, 0, -1,600. */
    r = lla_public_per_start(&c, 1);
    double R = 15600.0 / 360, h = t * 1600 / sqrt(3) / 360;
    cr_assert_float_eq(r.ratio, R, 1e-9);
    cr_assert_float_eq(r.high - r.low, 2 * h, 1e-6);
    /* The report prints them with three significant digits. */
    llo_buf b;
    llo_buf_init(&b);
    lla_report_costs(&b, &c);
    char *html = text_of(&b);
    cr_assert_not_null(strstr(html, "&euro;260 <small>(95% CI &euro;219 to &euro;301)</small>"), "%s", html);
    cr_assert_not_null(strstr(html, "&euro;43.3 "), "%s", html);
    /* Crowding-out: 0.4 m_k of the m_k extra public euros replaced employers' money, in every
     * replicate alike. */
    cr_assert_not_null(strstr(html, "replaced employers' money (their budgets and sector funds)</th><td>40.0% <small>(95% CI 40.0% to 40.0%)"),
                       "%s", html);
    llo_buf_free(&b);
    fake_free(&base);
    fake_free(&alt);
}

Test(report, ratio_of_identical_pairs_has_zero_width)
{
    double num[3] = {10, 20, 30}, den[3] = {1, 2, 3};
    lla_ratio r = lla_ratio_of(num, den, 3);
    cr_assert_float_eq(r.ratio, 10, 1e-12);
    cr_assert_float_eq(r.low, 10, 1e-12);
    cr_assert_float_eq(r.high, 10, 1e-12);
    double zero[3] = {1, -1, 0};
    cr_assert(isnan(lla_ratio_of(num, zero, 3).ratio), "a ratio over no change is not defined");
}

/* ---- the headline rule ---- */

static lla_paired paired(double d0, double d1, double d2)
{
    double a[3] = {d0, d1, d2}, b[3] = {0, 0, 0};
    return lla_paired_of(a, b, 3);
}

Test(report, a_headline_needs_a_clear_interval_and_a_meaningful_size)
{
    lla_paired big = paired(1.0, 1.2, 1.4), small = paired(0.010, 0.012, 0.014), unclear = paired(-1, 0.5, 1.1);
    cr_assert_eq(lla_verdict_of(&big, 0.5), LLA_HEADLINE);
    cr_assert_eq(lla_verdict_of(&small, 0.5), LLA_CLEAR_SMALL, "clear but 0.012 < 0.5");
    cr_assert_eq(lla_verdict_of(&small, 0.01), LLA_HEADLINE);
    cr_assert_eq(lla_verdict_of(&unclear, 0), LLA_NOT_CLEAR, "the interval includes zero");
    lla_paired exact = paired(-0.1215280, -0.1215280, -0.1215280), none = paired(0, 0, 0);
    cr_assert(exact.exact);
    cr_assert_eq(lla_verdict_of(&exact, 0.01), LLA_HEADLINE, "an exact difference needs no interval");
    cr_assert_eq(lla_verdict_of(&exact, 0.2), LLA_CLEAR_SMALL);
    cr_assert_eq(lla_verdict_of(&none, 0), LLA_NOT_CLEAR);
}

Test(report, thresholds_default_per_indicator_and_can_be_set)
{
    fake base, alt;
    hand_case(&base, &alt);
    lla_run *runs[2] = {&base.run, &alt.run};
    lla_comparison c = comparison_of(runs, 2);
    const lla_measure *part = measure("participation_24m_employed"), *money = measure("public_money");
    /* Half a percentage point of a share, 1% of the base's level of money, but never less than
     * EUR 10,000 a year. */
    cr_assert_float_eq(lla_threshold_of(&c, part, 40), 0.5, 1e-12);
    cr_assert_float_eq(lla_threshold_of(&c, money, 2e6), 20000, 1e-9);
    cr_assert_float_eq(lla_threshold_of(&c, money, 120000), 10000, 1e-9);
    cr_assert_float_eq(lla_threshold_of(&c, measure("course_starts"), 0), 1, 1e-12);
    lla_paired p = lla_measure_paired(&c, 1, part, "all");
    cr_assert_float_eq(p.d.mean, 1.2, 1e-9);
    cr_assert_eq(lla_verdict_of(&p, lla_threshold_of(&c, part, p.base)), LLA_HEADLINE);
    /* --threshold participation_24m_employed=2 makes 1.2 points a clear but small change. */
    char err[256];
    cr_assert_eq(lla_threshold_parse("participation_24m_employed=2", c.thresholds[0].key, sizeof c.thresholds[0].key,
                                     &c.thresholds[0].size, &c.thresholds[0].relative, err, sizeof err),
                 0);
    c.n_thresholds = 1;
    cr_assert_eq(lla_verdict_of(&p, lla_threshold_of(&c, part, p.base)), LLA_CLEAR_SMALL);
    cr_assert_eq(lla_threshold_check("course_starts=2%", err, sizeof err), 0, "%s", err);
    cr_assert_eq(lla_threshold_check("public_money=1000000", err, sizeof err), 0, "%s", err);
    cr_assert_eq(lla_threshold_check("referral_losses=-1", err, sizeof err), -1);
    cr_assert_eq(lla_threshold_check("course_starts=lots", err, sizeof err), -1);
    cr_assert_eq(lla_threshold_check("no_such_column=1", err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "no_such_column"), "%s", err);
    cr_assert_eq(lla_threshold_check("course_starts", err, sizeof err), -1);
    fake_free(&base);
    fake_free(&alt);
}

/* ---- words, signs, digits, colours ---- */

static char *words(const lla_paired *p, lla_unit u)
{
    static char out[512];
    llo_buf b;
    llo_buf_init(&b);
    lla_difference_words(&b, p, u);
    snprintf(out, sizeof out, "%s", text_of(&b));
    llo_buf_free(&b);
    return out;
}

Test(report, the_words_carry_the_sign)
{
    lla_paired fell = paired(-0.121, -0.122, -0.123);
    char *w = words(&fell, LLA_UNIT_INDEX);
    cr_assert(!strncmp(w, " fell by 0.122 (95% CI 0.120 to 0.124)", 38), "%s", w);
    cr_assert_null(strchr(w, '-'), "a fall is said with positive numbers: %s", w);
    lla_paired rose = paired(1.0, 1.2, 1.4);
    w = words(&rose, LLA_UNIT_SHARE);
    cr_assert(!strncmp(w, " rose by 1.20 percentage points (95% CI 0.70 to 1.70)", 53), "%s", w);
    lla_paired unclear = paired(-1, 0.5, 1.1);
    w = words(&unclear, LLA_UNIT_COUNT);
    cr_assert_not_null(strstr(w, "changed by +0.200 a month (95% CI -2.487 to +2.887), not distinguishable from zero"), "%s", w);
    /* A deterministic difference: exact, without an interval, with three significant digits. */
    lla_paired exact = paired(-0.1215280, -0.1215280, -0.1215280);
    w = words(&exact, LLA_UNIT_INDEX);
    cr_assert_not_null(strstr(w, "fell by exactly 0.122 in every replicate"), "%s", w);
    cr_assert_null(strstr(w, "CI"), "%s", w);
    llo_buf b;
    llo_buf_init(&b);
    lla_difference_cell(&b, &exact, LLA_UNIT_EUR, 0);
    cr_assert_str_eq(text_of(&b), "<span class=\"n\">-&euro;0.122</span> exact");
    llo_buf_free(&b);
}

static void sig(double x, int sign, const char *want)
{
    llo_buf b;
    llo_buf_init(&b);
    lla_sig3(&b, x, sign);
    cr_assert_str_eq(text_of(&b), want, "%.10g", x);
    llo_buf_free(&b);
}

Test(report, three_significant_digits)
{
    sig(0.0000048123, 0, "0.00000481");
    sig(0.0383, 0, "0.0383");
    sig(0.121528, 1, "+0.122");
    sig(-797.4, 1, "-797");
    sig(4613, 0, "4,610");
    sig(46130, 0, "46,100");
    sig(4612345, 0, "4.61 million");
    sig(-0.0000001, 0, "-0.000000100");
    sig(0.99951, 0, "1.00");
    sig(0, 1, "0");
    sig(21.6, 0, "21.6");
    /* Bounds take the estimate's decimals, so they line up with it. */
    llo_buf b;
    llo_buf_init(&b);
    lla_sig3_like(&b, -0.00004, 0.0383, 1);
    cr_assert_str_eq(text_of(&b), "0.0000", "a bound that rounds to zero has no sign");
    llo_buf_free(&b);
}

Test(report, colours_follow_direction_and_desirability_not_significance)
{
    lla_paired up = paired(1.0, 1.2, 1.4), down = paired(-1.0, -1.2, -1.4), unsure = paired(-1, 0.5, 1.1);
    cr_assert_str_eq(lla_direction_class(&up, measure("participation_24m_employed")), "better");
    cr_assert_str_eq(lla_direction_class(&down, measure("participation_24m_employed")), "worse");
    cr_assert_str_eq(lla_direction_class(&up, measure("never_trained_employed")), "worse");
    cr_assert_str_eq(lla_direction_class(&down, measure("referral_losses")), "better");
    cr_assert_str_eq(lla_direction_class(&up, measure("public_money")), "neutral");
    /* An unclear rise of participation is still coloured as a rise (and faded by the report). */
    cr_assert_str_eq(lla_direction_class(&unsure, measure("participation_24m_employed")), "better");
}

/* ---- the summary table and the map ---- */

Test(report, summary_table_reads_at_one_to_one)
{
    fake base, alt;
    hand_case(&base, &alt);
    lla_run *runs[2] = {&base.run, &alt.run};
    lla_comparison c = comparison_of(runs, 2);
    llo_buf b;
    llo_buf_init(&b);
    lla_report_summary(&b, &c);
    char *html = text_of(&b);
    /* Participation 40.0% -> 41.2%, +1.20 points, a headline in the colour of the better; public
     * money 120,000 -> 135,600 euros a year at 1:1, neither better nor worse. */
    cr_assert_not_null(strstr(html, "<td class=\"better\">41.2<br>+1.20<br><small>(+0.70 to +1.70)</small> <span class=\"mark\""),
                       "%s", html);
    cr_assert_not_null(strstr(html, "<td class=\"neutral\">&euro;136,000<br><span class=\"n\">+&euro;15,600</span>"), "%s", html);
    cr_assert_not_null(strstr(html, "run.scale 0.1"), "the scale is stated");
    llo_buf_free(&b);
    fake_free(&base);
    fake_free(&alt);
}

Test(report, the_map_draws_the_four_regions_coloured_by_the_effect)
{
    const char *regions[4] = {"West-Brabant", "Midden-Brabant", "Noordoost-Brabant", "Zuidoost-Brabant"};
    double value[4] = {0.5, -0.25, NAN, 0};
    llo_buf b;
    llo_buf_init(&b);
    lla_region_map(&b, regions, value, 4, "a title", "percentage points");
    char *svg = text_of(&b);
    cr_assert(!strncmp(svg, "<svg", 4));
    for (int k = 0; k < 4; k++) {
        char want[128];
        snprintf(want, sizeof want, "data-region=\"%s\"", regions[k]);
        cr_assert_not_null(strstr(svg, want), "%s missing", regions[k]);
    }
    /* The largest effect takes the full Okabe-Ito blue, half as much against is half-way to
     * vermillion, no value is grey, zero is the light grey of the middle. */
    cr_assert_not_null(strstr(svg, "data-region=\"West-Brabant\" fill=\"#0072b2\""), "%s", svg);
    cr_assert_not_null(strstr(svg, "data-region=\"Midden-Brabant\" fill=\"#e4a879\""), "%s", svg);
    cr_assert_not_null(strstr(svg, "data-region=\"Noordoost-Brabant\" fill=\"#d9d9d9\""), "%s", svg);
    cr_assert_not_null(strstr(svg, "data-region=\"Zuidoost-Brabant\" fill=\"#f2f2f2\""), "%s", svg);
    cr_assert_not_null(strstr(svg, "+0.500"), "the legend's end");
    cr_assert_not_null(strstr(svg, "-0.500"), "the legend's other end");
    llo_buf_free(&b);
}

/* ---- the plots, drawn by gnuplot from runs in memory ---- */

static const llo_out_file *output(const lla_outputs *o, const char *name)
{
    for (int k = 0; k < o->n; k++)
        if (!strcmp(o->files[k].name, name)) return &o->files[k];
    return NULL;
}

static int count(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

Test(report, plots_show_every_series_in_percent_from_the_first_month_with_events, .timeout = 120)
{
    fake base, alt, same, spare;
    hand_case(&same, &spare); /* a copy of the base */
    fake_free(&spare);
    hand_case(&base, &alt);
    snprintf(same.run.shape.name, sizeof same.run.shape.name, "same-as-base");
    base.run.resolved = "name = \"base\";\ntimeline = ();\n";
    alt.run.resolved = "name = \"alt\";\ntimeline = (\n  { month = 3; set = \"orchestrators.front_office\"; value = 1; }\n);\n";
    same.run.resolved = base.run.resolved;
    lla_run *runs[3] = {&base.run, &alt.run, &same.run};
    lla_outputs out = {0};
    lla_plot_list list = {0};
    char err[1024];
    cr_assert_eq(lla_plots_make(runs, 3, "", &out, &list, err, sizeof err), 0, "%s", err);
    const llo_out_file *f = output(&out, "plots/participation_24m_employed.svg");
    cr_assert_not_null(f);
    llo_buf svg = f->buf;
    char *text = malloc(svg.len + 1);
    memcpy(text, svg.data, svg.len);
    text[svg.len] = 0;
    /* Levels: a band, a line, markers and a key entry per run (4 x 3); differences: the same per
     * alternative and the base's zero line (4 x 2 + 1). A run identical to the base is drawn and
     * keyed all the same. */
    int left = 0, right = 0;
    for (int k = 1; k <= 20; k++) {
        char id[64];
        snprintf(id, sizeof id, "<g id=\"gnuplot_plot_%da\"", k);
        left += count(text, id);
        snprintf(id, sizeof id, "<g id=\"gnuplot_plot_%db\"", k);
        right += count(text, id);
    }
    cr_assert_eq(left, 12, "%d series in the levels", left);
    cr_assert_eq(right, 9, "%d series in the differences", right);
    cr_assert_eq(count(text, ">base</text>"), 2, "the base in both keys");
    cr_assert_eq(count(text, ">alt</text>"), 2);
    cr_assert_eq(count(text, ">same-as-base</text>"), 2);
    /* Shares in percent, their differences in percentage points, never 0 to 1. */
    cr_assert_not_null(strstr(text, ">percent</text>"));
    cr_assert_not_null(strstr(text, ">percentage points</text>"));
    cr_assert_null(strstr(text, "(0 to 1)"));
    /* The x axis starts at the data (2015-01): no tick of the year before. */
    cr_assert_not_null(strstr(text, ">2015</text>"));
    cr_assert_null(strstr(text, ">2014</text>"));
    /* The timeline event of month 3 is marked and named. */
    cr_assert_not_null(strstr(text, "alt: orchestrators.front_office"), "no event marker");
    /* Every plot has its PNG too. */
    for (int k = 0; k < list.n; k++) {
        char name[300];
        snprintf(name, sizeof name, "plots/%s.png", list.name[k]);
        const llo_out_file *png = output(&out, name);
        cr_assert(png && png->buf.len > 8 && !memcmp(png->buf.data, "\x89PNG", 4), "%s", name);
    }
    free(text);
    lla_plot_list_free(&list);
    lla_outputs_free(&out);
    fake_free(&base);
    fake_free(&alt);
    fake_free(&same);
}
