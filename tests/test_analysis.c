/* The analyst's workflow through the command line: `llosim compare` and `llosim summarize` on
 * tiny runs of the test fixture. A scenario compared with itself differs by exactly zero; the
 * intervals narrow as replicates grow; the one-stop front office loses fewer people between
 * doors than the fixture; the plots are real PNG and SVG; the report needs nothing outside
 * itself; and broken, foreign or mismatched inputs are refused with exit code 2, writing
 * nothing. */
#include <math.h>
#include <unistd.h>

#include "testutil.h"

/* The fixture, tiny and short; one thread, because the tests share two cores with each other. */
#define TINY "--scale 0.005 --months 36 --set run.burn_in_months=12 --threads 1 -q"

/* ---- reading comparison.csv and summary.csv ---- */

typedef struct table {
    char *text;
    char **cell;    /* rows x cols, row 0 the header */
    int rows, cols;
} table;

static table read_table(const char *path)
{
    table t = {0};
    t.text = slurp(path, NULL);
    cr_assert_not_null(t.text, "%s missing", path);
    int lines = 0;
    for (char *p = t.text; *p; p++) lines += *p == '\n';
    char *eol = strchr(t.text, '\n');
    t.cols = 1;
    for (char *p = t.text; p < eol; p++) t.cols += *p == ',';
    t.cell = calloc((size_t)lines * (size_t)t.cols, sizeof *t.cell);
    char *p = t.text;
    while (*p && t.rows < lines) {
        char *end = strchr(p, '\n');
        *end = 0;
        int c = 0;
        for (char *f = p;; c++) {
            cr_assert_lt(c, t.cols, "%s: row %d has too many fields", path, t.rows);
            t.cell[t.rows * t.cols + c] = f;
            char *comma = strchr(f, ',');
            if (!comma) break;
            *comma = 0;
            f = comma + 1;
        }
        cr_assert_eq(c + 1, t.cols, "%s: row %d has %d fields", path, t.rows, c + 1);
        t.rows++;
        p = end + 1;
    }
    return t;
}

static int col(const table *t, const char *name)
{
    for (int c = 0; c < t->cols; c++)
        if (!strcmp(t->cell[c], name)) return c;
    cr_assert_fail("no column %s", name);
    return -1;
}

static const char *at(const table *t, int row, int c) { return t->cell[row * t->cols + c]; }

static void free_table(table *t)
{
    free(t->text);
    free(t->cell);
}

/* The comparison.csv row of an indicator of region all over the last five years. */
static int last5_row(const table *t, const char *indicator)
{
    int ci = col(t, "indicator"), cr = col(t, "region"), cp = col(t, "period"), cd = col(t, "dimension");
    for (int r = 1; r < t->rows; r++)
        if (!strcmp(at(t, r, ci), indicator) && !strcmp(at(t, r, cr), "all") && !strcmp(at(t, r, cp), "last5") &&
            !*at(t, r, cd))
            return r;
    cr_assert_fail("no last5 row for %s", indicator);
    return -1;
}

/* ---- is it a PNG, an SVG? ---- */

static int is_png(const char *path)
{
    size_t n = 0;
    char *b = slurp(path, &n);
    int ok = b && n > 100 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(b + 12, "IHDR", 4) == 0 &&
             memcmp(b + n - 8, "IEND", 4) == 0;
    free(b);
    return ok;
}

/* Well-formed XML whose root element is <svg>: declarations, comments and doctype are skipped,
 * every start tag has its matching end tag, attribute values may hold '>'. Returns NULL when
 * it is, or what is wrong. */
static const char *svg_problem(const char *path)
{
    static char why[256];
    char *text = slurp(path, NULL);
    if (!text) return "missing";
    char stack[64][64];
    int depth = 0, roots = 0;
    const char *p = text, *problem = NULL;
    while (*p && !problem) {
        if (*p != '<') {
            if (depth == 0 && !strchr(" \t\r\n", *p)) problem = "text outside the root element";
            p++;
            continue;
        }
        if (!strncmp(p, "<?", 2)) { p = strstr(p, "?>"); p = p ? p + 2 : NULL; }
        else if (!strncmp(p, "<!--", 4)) { p = strstr(p, "-->"); p = p ? p + 3 : NULL; }
        else if (!strncmp(p, "<![CDATA[", 9)) { p = strstr(p, "]]>"); p = p ? p + 3 : NULL; }
        else if (!strncmp(p, "<!", 2)) { p = strchr(p, '>'); p = p ? p + 1 : NULL; }
        else {
            int closing = p[1] == '/';
            const char *name = p + 1 + closing;
            size_t len = strcspn(name, " \t\r\n/>");
            const char *q = name + len;
            char quote = 0;
            for (; *q && (quote || *q != '>'); q++)
                if (quote ? *q == quote : (*q == '"' || *q == '\'')) quote = quote ? 0 : *q;
            if (!*q) { problem = "unterminated tag"; break; }
            int empty = q[-1] == '/';
            if (len == 0 || len >= 64) problem = "bad tag name";
            else if (closing) {
                if (depth == 0 || strncmp(stack[depth - 1], name, len) || stack[depth - 1][len]) {
                    snprintf(why, sizeof why, "</%.*s> does not close <%s>", (int)len, name, depth ? stack[depth - 1] : "");
                    problem = why;
                } else depth--;
            } else {
                if (depth == 0) {
                    roots++;
                    if (strncmp(name, "svg", len) || len != 3) problem = "the root element is not <svg>";
                }
                if (!empty) {
                    if (depth == 64) problem = "nested too deep";
                    else snprintf(stack[depth++], 64, "%.*s", (int)len, name);
                }
            }
            p = q + 1;
        }
        if (!p) problem = "unterminated declaration or comment";
    }
    if (!problem && depth) problem = "unclosed elements at the end";
    if (!problem && roots != 1) problem = "not exactly one root element";
    free(text);
    return problem;
}

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

/* ---- the tests ---- */

/* A rerun of compare that fails while writing (a file-size limit, as a full disk would) leaves
 * the earlier comparison whole: its manifest still vouches for files that are all its own
 * (issue 15). Then a summary of the run, the same way. */
Test(analysis, failed_rewrite_keeps_the_earlier_result, .timeout = 300)
{
    char tmp[64], run[128], out[192], path[256], cmd[1024];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(run, sizeof run, "%s/fixture", tmp);
    snprintf(out, sizeof out, "%s/cmp", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 2 " TINY " -o %s", run), 0);
    cr_assert_eq(run_llosim(NULL, "compare %s %s -q -o %s", run, run, out), 0);
    cr_assert_eq(run_llosim(NULL, "summarize %s -q", run), 0);
    const char *marker[] = {"manifest.json", "summary.json"};
    const char *dirs[] = {out, run};
    char *before[2];
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dirs[k], marker[k]);
        before[k] = slurp(path, NULL);
        cr_assert_not_null(before[k]);
    }
    /* 64 blocks of 512 bytes: the report and the plots do not fit. */
    snprintf(cmd, sizeof cmd, "sh -c \"trap '' XFSZ; ulimit -f 64; '%s' compare %s %s -q -o %s\" >/dev/null 2>&1",
             llosim_bin(), run, run, out);
    cr_assert_neq(system(cmd), 0, "the limited compare succeeded; the limit is too high for the test");
    snprintf(cmd, sizeof cmd, "sh -c \"trap '' XFSZ; ulimit -f 64; '%s' summarize %s -q\" >/dev/null 2>&1",
             llosim_bin(), run);
    cr_assert_neq(system(cmd), 0, "the limited summarize succeeded");
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/%s", dirs[k], marker[k]);
        char *after = slurp(path, NULL);
        cr_assert(after && strcmp(after, before[k]) == 0, "%s changed or is gone", path);
        free(after);
        free(before[k]);
    }
    /* Every file the manifests vouch for still has its hash. */
    snprintf(cmd, sizeof cmd, "cd '%s' && python3 -c \"import json,hashlib,sys; m=json.load(open('manifest.json'));"
             " bad=[f for f,v in m['files'].items() if hashlib.sha256(open(f,'rb').read()).hexdigest()!=v['sha256']];"
             " sys.exit(1 if bad else 0)\"", out);
    cr_expect_eq(system(cmd), 0, "a file of the earlier comparison was replaced");
    remove_tree(tmp);
}

Test(analysis, self_comparison_differs_by_exactly_zero, .timeout = 300)
{
    char tmp[64], run[128], out[192], csv[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(run, sizeof run, "%s/fixture", tmp);
    snprintf(out, sizeof out, "%s/self", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 3 " TINY " -o %s", run), 0);
    cr_assert_eq(run_llosim(NULL, "compare %s %s -q -o %s", run, run, out), 0);
    snprintf(csv, sizeof csv, "%s/comparison.csv", out);
    table t = read_table(csv);
    int cd = col(&t, "difference"), lo = col(&t, "ci_low"), hi = col(&t, "ci_high"), m = col(&t, "mean"),
        bm = col(&t, "base_mean"), n = col(&t, "replicates");
    int zeros = 0;
    for (int r = 1; r < t.rows; r++) {
        if (!*at(&t, r, cd)) {
            /* Only a series undefined in every replicate has no difference. */
            cr_assert_eq(atoi(at(&t, r, n)), 0, "row %d: no difference, yet %s replicates", r, at(&t, r, n));
            continue;
        }
        cr_assert_str_eq(at(&t, r, cd), "0", "row %d: difference %s", r, at(&t, r, cd));
        cr_assert_str_eq(at(&t, r, lo), "0", "row %d: ci_low %s", r, at(&t, r, lo));
        cr_assert_str_eq(at(&t, r, hi), "0", "row %d: ci_high %s", r, at(&t, r, hi));
        cr_assert_str_eq(at(&t, r, m), at(&t, r, bm), "row %d", r);
        /* A mean over the courses the guided or the unguided started is undefined in a
         * replicate where there were none (likely at this scale): it is compared over the
         * replicates where it is defined. Every other series is defined in all three. */
        int conditional = strstr(at(&t, r, col(&t, "indicator")), "_start_fit") != NULL;
        if (conditional) cr_assert(atoi(at(&t, r, n)) >= 1 && atoi(at(&t, r, n)) <= 3, "row %d", r);
        else cr_assert_eq(atoi(at(&t, r, n)), 3, "row %d: %s", r, at(&t, r, col(&t, "indicator")));
        zeros++;
    }
    cr_assert_gt(zeros, 1000, "only %d rows compared", zeros);
    free_table(&t);
    /* A comparison folder is not a run: summarize refuses it. */
    char log[128];
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_eq(run_llosim(log, "summarize %s", out), 2);
    char *text = slurp(log, NULL);
    cr_assert_not_null(strstr(text, "this is not the manifest of a llosim run"), "%s", text);
    free(text);
    remove_tree(tmp);
}

/* The library's one-stop front office against the calibrated baseline, as an analyst would
 * compare them (at a tiny scale): nobody is lost between wrong doors, the doors no longer
 * multiply the instruments, and fewer people forgo funding they were open to; each interval
 * excludes zero. */
Test(analysis, library_front_office_against_the_baseline, .timeout = 600)
{
    char tmp[64], out[128], csv[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(out, sizeof out, "%s/fo", tmp);
    cr_assert_eq(run_llosim(NULL, "compare scenarios/baseline.cfg scenarios/one-stop-front-office.cfg --replicates 4 " TINY " -o %s",
                            out),
                 0);
    snprintf(csv, sizeof csv, "%s/comparison.csv", out);
    table t = read_table(csv);
    int cd = col(&t, "difference"), hi = col(&t, "ci_high");
    static const char *const fewer[] = {"referral_losses", "fragmentation_index", "funding_forgone"};
    for (int k = 0; k < 3; k++) {
        int r = last5_row(&t, fewer[k]);
        cr_assert_lt(atof(at(&t, r, cd)), 0, "%s: difference %s", fewer[k], at(&t, r, cd));
        cr_assert_lt(atof(at(&t, r, hi)), 0, "%s: interval up to %s includes zero", fewer[k], at(&t, r, hi));
    }
    remove_tree(tmp);
}

/* Widths of the 95% intervals of the front office against the fixture, by row. */
static void compare_front_office(const char *tmp, int replicates, char *out, size_t n)
{
    snprintf(out, n, "%s/r%d", tmp, replicates);
    cr_assert_eq(run_llosim(NULL, "compare tests/fixture.cfg tests/compare/front-office.cfg --replicates %d " TINY " -o %s",
                            replicates, out),
                 0);
}

Test(analysis, front_office_against_the_fixture, .timeout = 600)
{
    char tmp[64], few[128], many[128], csv[256];
    make_tmpdir(tmp, sizeof tmp);
    compare_front_office(tmp, 3, few, sizeof few);
    compare_front_office(tmp, 12, many, sizeof many);
    snprintf(csv, sizeof csv, "%s/comparison.csv", many);
    table t = read_table(csv);
    snprintf(csv, sizeof csv, "%s/comparison.csv", few);
    table s = read_table(csv);
    int cd = col(&t, "difference"), hi = col(&t, "ci_high"), lo = col(&t, "ci_low");

    /* Expected signs: one front door per region, so nobody is referred on from a wrong one and
     * the front doors no longer multiply the funding instruments. */
    static const char *const fewer[] = {"referral_losses", "fragmentation_index"};
    for (int k = 0; k < 2; k++) {
        int r = last5_row(&t, fewer[k]);
        cr_assert_lt(atof(at(&t, r, cd)), 0, "%s: difference %s", fewer[k], at(&t, r, cd));
        cr_assert_lt(atof(at(&t, r, hi)), 0, "%s: interval up to %s includes zero", fewer[k], at(&t, r, hi));
    }

    /* Paired replicates: the same rows, narrower with 12 replicates than with 3. */
    cr_assert_eq(t.rows, s.rows);
    int wider = 0, narrower = 0;
    double *ratio = calloc((size_t)t.rows, sizeof *ratio);
    for (int r = 1; r < t.rows; r++) {
        for (int c = 0; c < col(&t, "mean"); c++) cr_assert_str_eq(at(&t, r, c), at(&s, r, c), "row %d column %d", r, c);
        if (!*at(&t, r, lo) || !*at(&s, r, lo)) continue;
        double w12 = atof(at(&t, r, hi)) - atof(at(&t, r, lo)), w3 = atof(at(&s, r, hi)) - atof(at(&s, r, lo));
        if (w3 <= 0) continue;
        ratio[narrower + wider] = w12 / w3;
        if (w12 < w3) narrower++;
        else wider++;
    }
    int r12 = last5_row(&t, "referral_losses"), r3 = last5_row(&s, "referral_losses");
    cr_assert_lt(atof(at(&t, r12, hi)) - atof(at(&t, r12, lo)), atof(at(&s, r3, hi)) - atof(at(&s, r3, lo)));
    /* With 3 replicates the t quantile is 4.30, with 12 it is 2.20, and sqrt(n) halves the
     * standard error: an interval about a quarter as wide. The sd of 3 replicates is so noisy
     * (chi-square with 2 degrees of freedom) that about 6% of intervals widen by chance even
     * for normal data, more for counts that are often equal at this tiny scale; the typical
     * one narrows a lot. */
    int n = narrower + wider;
    cr_assert_gt(n, 500, "only %d intervals to compare", n);
    cr_assert_lt(wider, n / 5, "%d of %d intervals widened from 3 to 12 replicates", wider, n);
    for (int k = 1; k < n; k++)
        for (int j = k; j > 0 && ratio[j - 1] > ratio[j]; j--) {
            double swap = ratio[j];
            ratio[j] = ratio[j - 1];
            ratio[j - 1] = swap;
        }
    cr_assert_lt(ratio[n / 2], 0.5, "the median interval is %.2f times as wide with 12 replicates as with 3", ratio[n / 2]);
    cr_log_info("intervals: %d of %d narrower, median width ratio %.3f", narrower, n, ratio[n / 2]);
    free(ratio);
    free_table(&t);
    free_table(&s);

    /* Every plot the manifest lists is a real PNG or SVG, and the report holds everything. */
    char path[512];
    snprintf(path, sizeof path, "%s/manifest.json", many);
    char *manifest = slurp(path, NULL);
    cr_assert_not_null(manifest);
    int pngs = 0, svgs = 0;
    for (char *p = manifest; (p = strstr(p, "\"plots/"));) {
        char name[256];
        size_t len = strcspn(p + 1, "\"");
        snprintf(name, sizeof name, "%.*s", (int)len, p + 1);
        snprintf(path, sizeof path, "%s/%s", many, name);
        if (strstr(name, ".png")) {
            cr_assert(is_png(path), "%s is not a PNG", path);
            pngs++;
        } else {
            const char *why = svg_problem(path);
            cr_assert_null(why, "%s: %s", path, why);
            svgs++;
        }
        p += len + 1;
    }
    free(manifest);
    cr_assert_geq(pngs, 10);
    cr_assert_eq(pngs, svgs);
    for (const char *name = "referral_losses"; name; name = NULL) {
        snprintf(path, sizeof path, "%s/plots/%s.png", many, name);
        cr_assert(is_png(path));
    }

    snprintf(path, sizeof path, "%s/report.html", many);
    char *html = slurp(path, NULL);
    cr_assert_not_null(html);
    static const char *const outside[] = {"://", "<link", "@import", "url(", "<script", "<iframe", "href=", "srcset"};
    for (size_t k = 0; k < sizeof outside / sizeof outside[0]; k++)
        cr_assert_null(strstr(html, outside[k]), "report.html holds %s", outside[k]);
    int images = 0;
    for (char *p = html; (p = strstr(p, "src=")); p += 4, images++)
        cr_assert(!strncmp(p, "src=\"data:image/png;base64,", 27), "report.html refers to %.40s", p);
    cr_assert_geq(images, pngs / 2);
    /* What a reader needs: the change, a headline with its interval, how to reproduce. */
    cr_assert_not_null(strstr(html, "orchestrators.front_office"));
    cr_assert_not_null(strstr(html, "People lost after a wrong front door fell by"));
    /* The analyst's memo: the table first at 1:1, what matters, costs, why, regions. */
    const char *summary = strstr(html, "<h2 id=\"summary\">"), *matters = strstr(html, "<h2 id=\"matters\">");
    cr_assert(summary && matters && summary < matters, "the summary table comes first");
    cr_assert_not_null(strstr(html, "shown at province scale (1:1)"));
    cr_assert_not_null(strstr(html, "public euros per extra participant"));
    cr_assert_not_null(strstr(html, "Where the effect went"));
    cr_assert_not_null(strstr(html, "&rarr; waiting for guidance"));
    cr_assert_not_null(strstr(html, "The 95% intervals cover simulation noise only"));
    /* The scenario's own header comment, read from the file the run names. */
    cr_assert_not_null(strstr(html, "The test fixture with a one-stop front office per region"));
    cr_assert_eq(count_of(html, "<path class=\"region\""), 4, "the map has the four regions");
    /* Eight decimals and "fell by" with negative bounds are gone. */
    cr_assert_null(strstr(html, "fell by -"));
    cr_assert_not_null(strstr(html, "95% CI"));
    cr_assert_not_null(strstr(html, "compare tests/fixture.cfg tests/compare/front-office.cfg"));
    cr_assert_not_null(strstr(html, "<details>"));
    free(html);
    remove_tree(tmp);
}

Test(analysis, summarize_reduces_the_replicates, .timeout = 300)
{
    char tmp[64], run[128], path[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(run, sizeof run, "%s/fixture", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 3 " TINY " -o %s", run), 0);
    snprintf(path, sizeof path, "%s/manifest.json", run);
    char *before = slurp(path, NULL);
    cr_assert_eq(run_llosim(NULL, "summarize %s -q", run), 0);
    char *after = slurp(path, NULL);
    cr_assert_str_eq(before, after, "summarize changed the run's manifest");
    free(before);
    free(after);

    /* The mean, sd and interval of one cell, recomputed from timeseries.csv. */
    snprintf(path, sizeof path, "%s/timeseries.csv", run);
    table ts = read_table(path);
    int rep = col(&ts, "replicate"), month = col(&ts, "month"), region = col(&ts, "region"),
        part = col(&ts, "participation_24m_employed");
    double x[3];
    int found = 0;
    for (int r = 1; r < ts.rows; r++)
        if (!strcmp(at(&ts, r, region), "all") && atoi(at(&ts, r, month)) == 7) x[atoi(at(&ts, r, rep)) - 1] = atof(at(&ts, r, part)), found++;
    cr_assert_eq(found, 3);
    free_table(&ts);
    double mean = (x[0] + x[1] + x[2]) / 3, sd = sqrt(((x[0] - mean) * (x[0] - mean) + (x[1] - mean) * (x[1] - mean) +
                                                     (x[2] - mean) * (x[2] - mean)) / 2);
    double half = 4.302652729911275 * sd / sqrt(3.0); /* t(0.975, 2) */
    snprintf(path, sizeof path, "%s/summary.csv", run);
    table s = read_table(path);
    int ind = col(&s, "indicator"), sr = col(&s, "region"), sm = col(&s, "month"), dim = col(&s, "dimension");
    found = 0;
    for (int r = 1; r < s.rows; r++) {
        if (strcmp(at(&s, r, ind), "participation_24m_employed") || strcmp(at(&s, r, sr), "all") || *at(&s, r, dim) ||
            atoi(at(&s, r, sm)) != 7)
            continue;
        found++;
        cr_assert_float_eq(atof(at(&s, r, col(&s, "mean"))), mean, 1e-9);
        cr_assert_float_eq(atof(at(&s, r, col(&s, "sd"))), sd, 1e-9);
        cr_assert_float_eq(atof(at(&s, r, col(&s, "ci_low"))), mean - half, 1e-8);
        cr_assert_float_eq(atof(at(&s, r, col(&s, "ci_high"))), mean + half, 1e-8);
        cr_assert_str_eq(at(&s, r, col(&s, "n")), "3");
    }
    cr_assert_eq(found, 1);
    free_table(&s);
    snprintf(path, sizeof path, "%s/plots/participation_24m_employed.png", run);
    cr_assert(is_png(path));
    snprintf(path, sizeof path, "%s/plots/participation-by-group.svg", run);
    cr_assert_null(svg_problem(path));
    snprintf(path, sizeof path, "%s/summary.json", run);
    cr_assert(path_exists(path));
    /* The summarized folder is still a run folder anyone can compare. */
    char out[192];
    snprintf(out, sizeof out, "%s/self", tmp);
    cr_assert_eq(run_llosim(NULL, "compare %s %s -q -o %s", run, run, out), 0);
    remove_tree(tmp);
}

/* Runs `llosim <args>` expecting exit code 2, `want` on stderr and no folder `out`. */
static void refused(const char *tmp, const char *out, const char *want, const char *args)
{
    char log[128];
    snprintf(log, sizeof log, "%s/log", tmp);
    int rc = run_llosim(log, "%s", args);
    char *text = slurp(log, NULL);
    cr_assert_eq(rc, 2, "llosim %s exited %d: %s", args, rc, text);
    cr_assert_not_null(strstr(text, want), "llosim %s: stderr lacks '%s':\n%s", args, want, text);
    cr_assert(!path_exists(out), "llosim %s wrote %s", args, out);
    free(text);
}

static void shell(const char *cmd) { cr_assert_eq(system(cmd), 0, "%s", cmd); }

Test(analysis, bad_inputs_exit_2_and_write_nothing, .timeout = 300)
{
    char tmp[64], good[128], out[128], bad[192], args[1024], cmd[1024];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(good, sizeof good, "%s/good", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 2 " TINY " -o %s", good), 0);
#define COMPARE_WITH(dir) snprintf(args, sizeof args, "compare %s %s -q -o %s", good, dir, out)

    snprintf(bad, sizeof bad, "%s/nowhere", tmp);
    COMPARE_WITH(bad);
    refused(tmp, out, "nowhere: no such scenario file or run folder", args);
    snprintf(args, sizeof args, "summarize %s", bad);
    refused(tmp, bad, "nowhere: no such folder", args);

    /* A folder of another llosim version. */
    snprintf(bad, sizeof bad, "%s/foreign", tmp);
    snprintf(cmd, sizeof cmd, "cp -r %s %s && sed -i 's/\"llosim_version\": \"[^\"]*\"/\"llosim_version\": \"0.0.1\"/' %s/manifest.json",
             good, bad, bad);
    shell(cmd);
    COMPARE_WITH(bad);
    refused(tmp, out, "written by llosim 0.0.1", args);

    /* A table cut short after the run. */
    snprintf(bad, sizeof bad, "%s/edited", tmp);
    snprintf(cmd, sizeof cmd, "cp -r %s %s && sed -i '$ d' %s/timeseries.csv", good, bad, bad);
    shell(cmd);
    COMPARE_WITH(bad);
    refused(tmp, out, "edited/timeseries.csv: its SHA-256 differs from the manifest's", args);

    /* A run that never finished: no manifest. */
    snprintf(bad, sizeof bad, "%s/unfinished", tmp);
    snprintf(cmd, sizeof cmd, "cp -r %s %s && rm %s/manifest.json", good, bad, bad);
    shell(cmd);
    COMPARE_WITH(bad);
    refused(tmp, out, "unfinished/manifest.json: missing", args);

    /* Runs that cannot be paired: other months, another seed. */
    snprintf(bad, sizeof bad, "%s/shorter", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 2 " TINY " --months 24 -o %s", bad), 0);
    COMPARE_WITH(bad);
    refused(tmp, out, "differ in months: 36 against 24", args);
    snprintf(bad, sizeof bad, "%s/reseeded", tmp);
    cr_assert_eq(run_llosim(NULL, "run tests/fixture.cfg --replicates 2 " TINY " --seed 7 -o %s", bad), 0);
    COMPARE_WITH(bad);
    refused(tmp, out, "replicate seeds", args);

    /* Scenario files that would not pair, and options that cannot apply to folders. */
    snprintf(args, sizeof args, "compare tests/fixture.cfg scenarios/quick.cfg --replicates 2 -q -o %s", out);
    refused(tmp, out, "fixture and quick differ in burn-in: 24 against 60 months", args);
    snprintf(args, sizeof args, "compare %s %s --scale 0.01 -q -o %s", good, good, out);
    refused(tmp, out, "apply to scenario files", args);
    snprintf(args, sizeof args, "compare tests/fixture.cfg tests/fixture.cfg -q -o %s", out);
    refused(tmp, out, "both named 'fixture'", args);
    snprintf(args, sizeof args, "compare %s %s -q -o %s", good, good, good);
    snprintf(cmd, sizeof cmd, "%s/manifest.json", good);
    char *before = slurp(cmd, NULL);
    refused(tmp, out, "write the comparison to a folder of its own", args);
    char *after = slurp(cmd, NULL);
    cr_assert_str_eq(before, after, "the run's manifest was touched");
    free(before);
    free(after);
#undef COMPARE_WITH
    remove_tree(tmp);
}
