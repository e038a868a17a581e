/* Why the numbers are what they are: the scenario's own header (Study / Changes / Look at), where
 * the effect went along the causal chains the model documents (docs/model.md 7.19 guidance, 7.25
 * funding), the limits of docs/model.md that apply to what was changed, and what the intervals
 * cover. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

/* ---- the scenario's header ---- */

char *lla_scenario_header(const lla_run *run)
{
    if (!run || !*run->scenario_file) return NULL;
    FILE *f = fopen(run->scenario_file, "r");
    if (!f) return NULL;
    llo_buf b;
    llo_buf_init(&b);
    char line[1024];
    /* The comment lines before the first setting or include. */
    while (fgets(line, sizeof line, f)) {
        if (line[0] != '#') {
            if (line[strspn(line, " \t\r\n")] == 0) continue;
            break;
        }
        const char *t = line + 1;
        if (*t == ' ') t++;
        llo_buf_printf(&b, "%s", t);
    }
    fclose(f);
    llo_buf_append(&b, "", 1);
    if (b.failed) {
        llo_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* The paragraph of header that begins with `label` ("Look at"), or NULL; its length in *len. */
static const char *paragraph(const char *header, const char *label, size_t *len)
{
    if (!header) return NULL;
    for (const char *p = header; p && *p;) {
        if (!strncmp(p, label, strlen(label))) {
            const char *end = strstr(p, "\n\n");
            *len = end ? (size_t)(end - p) : strlen(p);
            return p;
        }
        p = strstr(p, "\n\n");
        if (p) p += 2;
    }
    return NULL;
}

int lla_look_at(const lla_run *run, const char *header, char names[][64], int cap)
{
    size_t len = 0;
    const char *p = paragraph(header, "Look at", &len);
    int n = 0;
    for (size_t k = 0; p && k < len && n < cap;) {
        if (!(islower((unsigned char)p[k]) || p[k] == '_')) {
            k++;
            continue;
        }
        size_t w = 0;
        while (k + w < len && (islower((unsigned char)p[k + w]) || isdigit((unsigned char)p[k + w]) || p[k + w] == '_')) w++;
        char word[64];
        snprintf(word, sizeof word, "%.*s", (int)(w < 63 ? w : 63), p + k);
        /* A column of timeseries.csv for the province, named once; "groups.csv" and the like are
         * not words of this kind, and a word followed by "." or "/" is a file name. */
        int file = k + w < len && (p[k + w] == '.' || p[k + w] == '/') && k + w + 1 < len && isalpha((unsigned char)p[k + w + 1]);
        if (strchr(word, '_') && !file && lla_series_find(run, "all", "", "", word) >= 0) {
            int j;
            for (j = 0; j < n && strcmp(names[j], word); j++) {}
            if (j == n) snprintf(names[n++], 64, "%s", word);
        }
        k += w;
    }
    return n;
}

static void header_html(llo_buf *b, const char *header)
{
    static const char *const labels[] = {"Study:", "Changes", "Look at", "Baseline:"};
    for (const char *p = header; *p;) {
        const char *end = strstr(p, "\n\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *para = malloc(len + 1);
        if (!para) return;
        memcpy(para, p, len);
        para[len] = 0;
        /* Command lines in the header (indented) are shown as code, the rest as text. */
        char *cmd = strstr(para, "\n  ");
        if (cmd) *cmd++ = 0;
        size_t lab = 0;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
            if (!strncmp(para, labels[k], strlen(labels[k]))) {
                const char *colon = strchr(para, ':');
                lab = colon ? (size_t)(colon - para) + 1 : 0;
            }
        if (*para) {
            llo_buf_printf(b, "<p>");
            if (lab) {
                char l[128];
                snprintf(l, sizeof l, "%.*s", (int)(lab < 127 ? lab : 127), para);
                llo_buf_printf(b, "<b>");
                lla_html_escape(b, l);
                llo_buf_printf(b, "</b>");
            }
            lla_html_escape(b, para + lab);
            llo_buf_printf(b, "</p>\n");
        }
        if (cmd) {
            llo_buf_printf(b, "<pre>");
            lla_html_escape(b, cmd);
            llo_buf_printf(b, "</pre>\n");
        }
        free(para);
        if (!end) break;
        p = end + 2;
    }
}

/* ---- where the effect went ---- */

typedef struct step {
    lla_measure m;
    const char *more, *fewer; /* "more people lost at a wrong door" */
} step;

#define STARTS_BY_INSTRUMENT                                                                                           \
    {"jobseeker_fund_starts", "regional_fund_starts", "sme_subsidy_starts", "sector_funds_starts", "learning_budget_starts", \
     NULL}

/* The guidance chain of docs/model.md 7.19: a person seeking guidance is lost at a wrong door,
 * or waits, or is seen; guidance leads to a start. The funding chain of 7.25: a person whose
 * course found a seat applies to the instruments open to them (or forgoes them), an instrument
 * pays, or nobody does and the request is refused; the course starts. */
static const step guidance_chain[] = {
    {{"referral_losses", "lost at a wrong front door", LLA_UNIT_COUNT, -1, 1, 1, {NULL}}, "more people lost at a wrong door", "fewer people lost at a wrong door"},
    {{"guidance_waiting", "waiting for guidance", LLA_UNIT_COUNT, -1, 1, 1, {NULL}}, "more people waiting for guidance", "fewer people waiting"},
    {{"guidance_sessions", "seen by a guide", LLA_UNIT_COUNT, +1, 1, 1, {NULL}}, "more people seen by a guide", "fewer people seen"},
    {{"course_starts", "courses started", LLA_UNIT_COUNT, +1, 1, 1, {NULL}}, "more courses started", "fewer courses started"},
};
static const step funding_chain[] = {
    {{"funding_applications", "applied to an instrument", LLA_UNIT_COUNT, +1, 1, 1, {NULL}}, "more applications", "fewer applications"},
    {{"funding_forgone", "open but not applied to", LLA_UNIT_COUNT, -1, 1, 1, {NULL}}, "more instruments forgone", "fewer instruments forgone"},
    {{"instrument_starts", "starts an instrument paid towards (granted)", LLA_UNIT_COUNT, 0, 1, 1, STARTS_BY_INSTRUMENT}, "more starts paid by an instrument", "fewer starts paid by an instrument"},
    {{"refused_requests", "requests nobody would pay for", LLA_UNIT_COUNT, -1, 1, 1, {NULL}}, "more requests refused for want of a payer", "fewer requests refused"},
    {{"employer_funded_starts", "employees' starts the employer paid towards", LLA_UNIT_COUNT, 0, 1, 1, {NULL}}, "more starts paid by employers", "fewer starts paid by employers"},
    {{"course_starts", "courses started", LLA_UNIT_COUNT, +1, 1, 1, {NULL}}, "more courses started", "fewer courses started"},
};

static void chain(llo_buf *b, const lla_comparison *c, int alt, const char *title, const step *steps, int n)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<p><b>%s</b></p>\n<table class=\"chain\">\n<tr><th>step (a month, 1:1)</th><th>", title);
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</th><th>");
    lla_html_escape(b, c->runs[alt]->shape.name);
    llo_buf_printf(b, "</th><th>difference (95%% CI)</th></tr>\n");
    llo_buf words;
    llo_buf_init(&words);
    int said = 0;
    for (int k = 0; k < n; k++) {
        const lla_measure *m = &steps[k].m;
        lla_paired p = lla_measure_paired(c, alt, m, "all");
        lla_verdict v = lla_verdict_of(&p, 0);
        llo_buf_printf(b, "<tr><td>%s%s</td><td>", k ? "&rarr; " : "", m->label);
        lla_sig3(b, p.base, 0);
        llo_buf_printf(b, "</td><td>");
        lla_sig3(b, p.alt, 0);
        llo_buf_printf(b, "</td><td class=\"%s%s\">", lla_direction_class(&p, m), v == LLA_NOT_CLEAR ? " unsure" : "");
        lla_difference_cell(b, &p, m->unit, 1);
        llo_buf_printf(b, "</td></tr>\n");
        if (v != LLA_NOT_CLEAR) {
            llo_buf_printf(&words, "%s", said++ ? "; " : "");
            lla_sig3(&words, fabs(p.d.mean), 0);
            llo_buf_printf(&words, " %s", p.d.mean > 0 ? steps[k].more : steps[k].fewer);
        }
    }
    llo_buf_printf(b, "</table>\n");
    llo_buf_append(&words, "", 1);
    if (!words.failed) {
        if (said) llo_buf_printf(b, "<p>In a month at 1:1: %s. Steps not listed did not change clearly.</p>\n", words.data);
        else llo_buf_printf(b, "<p>No step of this chain changed clearly.</p>\n");
    }
    llo_buf_free(&words);
}

/* ---- limits ---- */

typedef struct limit {
    const char *group; /* the settings' group it applies to; NULL: always */
    const char *text;
} limit;

static const limit limits[] = {
    {NULL, "The figures are calibrated jointly (docs/model.md 11.2): single parameters are not identified "
           "separately, and a setting the scenario changes keeps the calibration's values around it."},
    {"funding", "A worker's own decision to start sees only the job-seeker fund and the public learning budget; the "
                "other instruments act once a course is claimed, not on the wish to train (model.md 7.25, 11.1)."},
    {"funding", "Deadweight is judged for the month's decision only, and applying costs nothing but a missed chance: "
                "there is no waiting time for a decision (7.25, 7.26)."},
    {"funding", "Sector funds are provincial here; in reality they are mostly national (11.1)."},
    {"orchestrators", "Guidance helps a person apply to every scheme open to them; it does not pick one, match job "
                      "seekers to jobs, or hire and cut staff (11.1). Employers' and providers' trust in the "
                      "orchestrators is observed only, it drives nothing (11.1)."},
    {"governance", "Votes are the same in every region and do not shift by themselves; the agenda acts only through "
                   "the channels of model.md 7.3 (11.1)."},
    {"providers", "Providers' quality does not respond to results, their seats are fixed and none enter or leave "
                  "(11.1)."},
    {"employers", "Wages are not modelled (a poacher pays nothing); employer-initiated training exists only as the "
                  "answer to a worker's request (11.1)."},
    {"timeline", "Shocks on the timeline hit every region alike (11.1)."},
};

/* Does the alternative change a setting of this group (or a timeline event set one)? */
static int touches(const lla_run *base, const lla_run *alt, const char *group)
{
    if (!strcmp(group, "timeline")) {
        const char *t = strstr(alt->resolved, "\ntimeline");
        return t && strstr(t, "set =") != NULL;
    }
    char want[80];
    snprintf(want, sizeof want, "set = \"%s.", group);
    if (strstr(alt->resolved, want)) return 1;
    /* The group's block differs. */
    snprintf(want, sizeof want, "\n%s = {", group);
    const char *x = strstr(base->resolved, want), *y = strstr(alt->resolved, want);
    if (!x || !y) return (x == NULL) != (y == NULL);
    const char *xe = strstr(x + 1, "\n};"), *ye = strstr(y + 1, "\n};");
    if (!xe || !ye) return 0;
    return xe - x != ye - y || memcmp(x, y, (size_t)(xe - x)) != 0;
}

void lla_report_why(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<h2 id=\"why\">Why</h2>\n");
    for (int alt = 1; alt < c->n_runs; alt++) {
        const lla_run *run = c->runs[alt];
        llo_buf_printf(b, "<h3>");
        lla_html_escape(b, run->shape.name);
        llo_buf_printf(b, "</h3>\n<div class=\"header\">\n");
        char *header = lla_scenario_header(run);
        if (header && *header) header_html(b, header);
        else {
            llo_buf_printf(b, "<p class=\"note\">The scenario file the run names (<code>");
            lla_html_escape(b, run->scenario_file);
            llo_buf_printf(b, "</code>) could not be read here, so its header (Study / Changes / Look at) is not "
                              "shown.</p>\n");
        }
        free(header);
        llo_buf_printf(b, "</div>\n<h4>Where the effect went</h4>\n");
        chain(b, c, alt, "Guidance (model.md 7.19): lost at a wrong door, waiting, seen, started", guidance_chain,
              (int)(sizeof guidance_chain / sizeof guidance_chain[0]));
        chain(b, c, alt, "Funding (model.md 7.25): applied, granted or refused, started", funding_chain,
              (int)(sizeof funding_chain / sizeof funding_chain[0]));
        llo_buf_printf(b, "<h4>Limits that apply</h4>\n<ul class=\"limits\">\n");
        for (size_t k = 0; k < sizeof limits / sizeof limits[0]; k++)
            if (!limits[k].group || touches(base, run, limits[k].group)) llo_buf_printf(b, "<li>%s</li>\n", limits[k].text);
        llo_buf_printf(b, "</ul>\n");
    }
    llo_buf_printf(b,
                   "<h3>What the intervals cover</h3>\n<p class=\"intervals\">The 95%% intervals cover simulation noise "
                   "only: how much the answer would move if the same model, with the same settings, were run again with "
                   "other random numbers. They do not cover uncertainty in the parameters (the calibrated values and the "
                   "assumed ones could be otherwise), nor in the model itself (what it leaves out or simplifies, see the "
                   "limits above and docs/model.md section 11). A narrow interval means the simulation has settled, not "
                   "that the real province would respond by that amount; read the sizes as the model's answer under its "
                   "assumptions.</p>\n");
}
