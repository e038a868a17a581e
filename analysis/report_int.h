/* The comparison report's parts (report*.c, region_map.c): the measures it reads, their paired
 * differences at province scale, the rules that make a difference a headline, and the sections
 * of the page. Private to the analysis library and its tests. */
#ifndef LLA_REPORT_INT_H
#define LLA_REPORT_INT_H

#include "analysis/analysis_int.h"

/* ---- measures: a column, or a sum of columns (public money), read at province scale ---- */

#define LLA_MEASURE_TERMS 16

typedef struct lla_measure {
    const char *key;        /* a column name, or a derived name ("public_money") */
    const char *label;      /* plain words */
    lla_unit unit;
    int better;             /* +1 a rise is desirable, -1 a fall is, 0 neither (money, activity) */
    double threshold;       /* the meaningful size, in the unit shown (see lla_threshold_of) */
    int relative;           /* 1: threshold is a percentage of the base's level */
    const char *terms[LLA_MEASURE_TERMS]; /* columns summed; NULL-terminated; empty: key itself */
} lla_measure;

/* The measures llosim knows by name: the key indicators, the chain steps, the money. */
extern const lla_measure lla_measures[];
extern const int lla_n_measures;

/* The measure of a name: a known one, or one guessed from the column's name (unit from its
 * suffix, no desirability, the unit's default threshold) into *scratch. NULL when the run has
 * no such column. */
typedef struct lla_guess {
    lla_measure m;
    char text[160];         /* the guessed measure's label */
} lla_guess;
const lla_measure *lla_measure_of(const lla_run *base, const char *key, lla_guess *scratch);

/* How a value in the runs' units reads at province scale: shares in percent (differences in
 * percentage points), indices as they are, counts a month and money a year at 1:1. */
double lla_province(double x, lla_unit u, double scale);

/* One alternative against the base for one measure over the last five years, at province scale,
 * replicate by replicate (paired). exact: every replicate differs by the same amount, so the
 * difference is deterministic and has no interval. */
typedef struct lla_paired {
    double alt, base;        /* means over the replicates where both are defined */
    lla_estimate d;          /* of alt_k - base_k */
    int exact;
} lla_paired;

/* A measure's last-five-year mean in replicate k of run r (0 = base) and region ("all" for
 * the province), at province scale; NAN when a term is missing or NA. */
double lla_measure_rep(const lla_comparison *c, int r, const lla_measure *m, const char *region, int k);
lla_paired lla_measure_paired(const lla_comparison *c, int alt, const lla_measure *m, const char *region);
/* The paired estimate of d[0..n) (NAN skipped), with exact set when all equal. */
lla_paired lla_paired_of(const double *alt, const double *base, int n);

/* ---- the rules ---- */

/* The meaningful size of a measure's difference, in the unit shown, against base level `base`:
 * an override from the comparison's thresholds, else the measure's default. */
double lla_threshold_of(const lla_comparison *c, const lla_measure *m, double base);
/* Parses "indicator=SIZE" with SIZE a number in the unit shown ("0.5" percentage points for a
 * share), or "N%" of the base's level. 0, or -1 with a message. */
int lla_threshold_parse(const char *spec, char *key, size_t keylen, double *size, int *relative, char *err,
                        size_t errlen);

typedef enum { LLA_NOT_CLEAR, LLA_CLEAR_SMALL, LLA_HEADLINE } lla_verdict;

/* A headline needs an interval that excludes zero (or an exact non-zero difference) and a size
 * of at least the threshold. */
lla_verdict lla_verdict_of(const lla_paired *p, double threshold);

/* The CSS class of a difference: its direction times the measure's desirability ("better",
 * "worse" or "neutral"), whatever its significance. */
const char *lla_direction_class(const lla_paired *p, const lla_measure *m);

/* ---- numbers in words ---- */

/* x with three significant digits and thousands separators ("0.0383", "797", "4,610",
 * "1.23 million"); sign: 1 always shows + or -, 0 only -. Never "-0". */
void lla_sig3(llo_buf *b, double x, int sign);
/* x to the decimals that give `ref` three significant digits (so bounds line up with their
 * estimate). */
void lla_sig3_like(llo_buf *b, double x, double ref, int sign);
/* The difference in words: "rose by 2.10 percentage points (95% CI 1.40 to 2.80)", "fell by
 * 797 a month (95% CI 760 to 834)", "was exactly 0.122 lower in every replicate", with the
 * magnitudes after the verb, so the words carry the sign. */
void lla_difference_words(llo_buf *b, const lla_paired *p, lla_unit u);
/* A signed difference for a table: "+2.10 (+1.40 to +2.80)", "-€1.68 million exact"; stacked puts
 * the interval on a line of its own. */
void lla_difference_cell(llo_buf *b, const lla_paired *p, lla_unit u, int stacked);
/* A level: "48.8%", "0.512", "1,230 a month", "€4.61 million a year". */
void lla_level(llo_buf *b, double x, lla_unit u);
const char *lla_unit_words(lla_unit u);

/* ---- sections of report.html ---- */

void lla_report_summary(llo_buf *b, const lla_comparison *c);     /* report_summary.c */
void lla_report_headlines(llo_buf *b, const lla_comparison *c);   /* report_summary.c */
void lla_report_costs(llo_buf *b, const lla_comparison *c);       /* report_costs.c */
void lla_report_why(llo_buf *b, const lla_comparison *c);         /* report_why.c */
void lla_report_regions(llo_buf *b, const lla_comparison *c);     /* report_regions.c */

/* Ratio of two paired mean differences (cost per extra participant): R = mean(num) / mean(den)
 * with a delta-method 95% interval, R +- t * sd(num_k - R den_k) / (sqrt(n) |mean(den)|).
 * The interval is NAN when n < 2. */
typedef struct lla_ratio {
    double ratio, low, high;
    int n;
} lla_ratio;
lla_ratio lla_ratio_of(const double *num, const double *den, int n);
/* People who trained within two years (employed and job seekers) in replicate k of run r, at 1:1. */
double lla_participants(const lla_comparison *c, int r, int k);
/* Public euros per extra participant (two years' extra public money over the extra people) and
 * per extra course start (a year's over a year's), alternative alt against the base. */
lla_ratio lla_public_per_participant(const lla_comparison *c, int alt);
lla_ratio lla_public_per_start(const lla_comparison *c, int alt);

/* The scenario's header comment (Study / Changes / Look at), from the scenario file the run's
 * manifest names; malloc'd, NULL when the file cannot be read. */
char *lla_scenario_header(const lla_run *run);
/* The column names a header's "Look at" part names that the run has for the province, in order,
 * without repeats; returns their number (at most cap, pointers into names[] storage). */
int lla_look_at(const lla_run *run, const char *header, char names[][64], int cap);

/* The map of the four regions of Noord-Brabant (region_map.c): an inline SVG coloured by each
 * region's value (NAN: grey), with a legend in `unit_words`. */
void lla_region_map(llo_buf *b, const char *const *regions, const double *value, int n, const char *title,
                    const char *unit_words);

#endif
