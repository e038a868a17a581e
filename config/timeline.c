/* Timeline events: their keys, the kinds and schemes by name, and writing them back (see
 * timeline.h). The syntax is described in README.md and docs/model.md, section 7.1. */
#include "config/timeline.h"

#include <string.h>

#define K(kind) LLO_KIND_BIT(LLO_EVENT_##kind)
#define ALL_KINDS (K(SET) | K(STOP) | LLO_SHOCK_KINDS)

static const llo_event_key keys[LLO_N_EVENT_KEYS] = {
    [LLO_KEY_MONTH] = {"month", ALL_KINDS, ALL_KINDS, LLO_T_INT, -1e9, 1e9,
                       "month the event applies at, at its start; from -run.burn_in_months to run.months - 1"},
    [LLO_KEY_SET] = {"set", K(SET), K(SET), LLO_T_STRING, 0, 0,
                     "a setting that may change mid-run (column 'timeline' above) takes `value` from this month on"},
    [LLO_KEY_VALUE] = {"value", K(SET), K(SET), LLO_T_FLOAT, 0, 0,
                       "the new value, checked like the setting itself (type, range, list length)"},
    [LLO_KEY_STOP] = {"stop", K(STOP), K(STOP), LLO_T_STRING, 0, 0,
                      "a funding scheme stops: jobseeker-fund, regional-fund or sme-subsidy (budget 0, and what is left "
                      "this year lapses now), sector-funds (levies 0, and the funds' reserves are withdrawn now) or "
                      "individual-budget (no more accrual; what workers hold stays theirs)"},
    [LLO_KEY_SHOCK] = {"shock", LLO_SHOCK_KINDS, LLO_SHOCK_KINDS, LLO_T_STRING, 0, 0,
                       "technology, recession or trust"},
    [LLO_KEY_MONTHS] = {"months", K(TECHNOLOGY) | K(RECESSION), K(TECHNOLOGY) | K(RECESSION), LLO_T_INT, 1, 1200,
                        "how many months the shock lasts; then it ends by itself"},
    [LLO_KEY_SECTORS] = {"sectors", K(TECHNOLOGY), 0, LLO_T_STRING_LIST, 0, 0,
                         "technology: the sectors hit, by name (left out: every sector)"},
    [LLO_KEY_OBSOLESCENCE_FACTOR] = {"obsolescence_factor", K(TECHNOLOGY), K(TECHNOLOGY), LLO_T_FLOAT, 0, 10,
                                     "technology: multiplies the sectors' skill obsolescence (2 = twice as fast)"},
    [LLO_KEY_JOB_LOSS_FACTOR] = {"job_loss_factor", K(RECESSION), 0, LLO_T_FLOAT, 0, 10,
                                 "recession: multiplies the monthly probability of losing a job (default 1)"},
    [LLO_KEY_JOB_FINDING_FACTOR] = {"job_finding_factor", K(RECESSION), 0, LLO_T_FLOAT, 0, 10,
                                    "recession: multiplies job seekers' monthly job finding (default 1)"},
    [LLO_KEY_URGENCY] = {"urgency", K(RECESSION), 0, LLO_T_FLOAT, -5, 5,
                         "recession: logit shift of the monthly course-start hazard, the felt need to learn (default 0)"},
    [LLO_KEY_COLLABORATION] = {"collaboration", K(RECESSION), 0, LLO_T_FLOAT, -1, 1,
                               "recession: raises the regional actors' collaboration boost while it lasts (default 0)"},
    [LLO_KEY_DELTA] = {"delta", K(TRUST), K(TRUST), LLO_T_FLOAT, -1, 1,
                       "trust: one-off change of trust, handed to the trust mechanism in that month"},
};

const llo_event_key *llo_event_keys(void) { return keys; }

static const char *const kind_names[LLO_N_EVENT_KINDS] = {
    [LLO_EVENT_SET] = "set", [LLO_EVENT_STOP] = "stop", [LLO_EVENT_TECHNOLOGY] = "technology",
    [LLO_EVENT_RECESSION] = "recession", [LLO_EVENT_TRUST] = "trust",
};

const char *llo_event_kind_name(int kind) { return kind >= 0 && kind < LLO_N_EVENT_KINDS ? kind_names[kind] : "?"; }

/* A new funding scheme that can be stopped gets a row here (and its LLO_SCHEME_ in params.h). */
static const char *const schemes[LLO_N_SCHEMES][2] = {
    [LLO_SCHEME_JOBSEEKER_FUND] = {"jobseeker-fund", "funding.jobseeker_budget_eur"},
    [LLO_SCHEME_INDIVIDUAL_BUDGET] = {"individual-budget", "workers.individual_budget_eur"},
    [LLO_SCHEME_REGIONAL_FUND] = {"regional-fund", "funding.regional_fund_eur"},
    [LLO_SCHEME_SME_SUBSIDY] = {"sme-subsidy", "funding.sme_budget_eur"},
    [LLO_SCHEME_SECTOR_FUNDS] = {"sector-funds", "funding.sector_levy"},
    [LLO_SCHEME_LEARNING_BUDGET] = {"learning-budget", "funding.learning_budget_eur"},
};

const char *llo_scheme_name(int scheme) { return scheme >= 0 && scheme < LLO_N_SCHEMES ? schemes[scheme][0] : "?"; }

const char *llo_scheme_setting(int scheme)
{
    return scheme >= 0 && scheme < LLO_N_SCHEMES ? schemes[scheme][1] : NULL;
}

static void write_float(FILE *out, const char *key, double v)
{
    char buf[64];
    llo_format_float(buf, sizeof buf, v);
    fprintf(out, "%s = %s; ", key, buf);
}

void llo_event_write(FILE *out, const llo_event *e, const llo_params *p)
{
    fprintf(out, "{ month = %d; ", e->month);
    switch (e->kind) {
    case LLO_EVENT_SET: {
        size_t n;
        const llo_setting *row = &llo_settings(&n)[e->target];
        fputs("set = ", out);
        llo_write_string(out, row->path);
        fputs("; value = ", out);
        llo_setting_write_elements(out, row, &e->value, e->n_values);
        fputs("; ", out);
        break;
    }
    case LLO_EVENT_STOP:
        fputs("stop = ", out);
        llo_write_string(out, llo_scheme_name(e->target));
        fputs("; ", out);
        break;
    case LLO_EVENT_TECHNOLOGY:
        fprintf(out, "shock = \"technology\"; months = %d; sectors = [", e->months);
        for (int s = 0, first = 1; s < p->n_sectors; s++)
            if (e->sectors & (1u << s)) {
                if (!first) fputs(", ", out);
                llo_write_string(out, p->sector_names[s]);
                first = 0;
            }
        fputs("]; ", out);
        write_float(out, "obsolescence_factor", e->obsolescence_factor);
        break;
    case LLO_EVENT_RECESSION:
        fprintf(out, "shock = \"recession\"; months = %d; ", e->months);
        write_float(out, "job_loss_factor", e->job_loss_factor);
        write_float(out, "job_finding_factor", e->job_finding_factor);
        write_float(out, "urgency", e->urgency);
        write_float(out, "collaboration", e->collaboration);
        break;
    case LLO_EVENT_TRUST:
        fputs("shock = \"trust\"; ", out);
        write_float(out, "delta", e->delta);
        break;
    default: break;
    }
    fputc('}', out);
}

int llo_timeline_write(const llo_params *p, FILE *out)
{
    fputs("\n# Timeline events, applied at the start of their month in this order (README.md, \"Timeline events\").\n"
          "timeline = (", out);
    for (int k = 0; k < p->n_events; k++) {
        fputs(k ? ",\n  " : "\n  ", out);
        llo_event_write(out, &p->timeline[k], p);
    }
    fputs(p->n_events ? "\n);\n" : ");\n", out);
    return ferror(out) ? -1 : 0;
}

void llo_timeline_print_reference(FILE *out, int markdown)
{
    if (markdown)
        fputs("\n## Timeline events\n\n"
              "`timeline = ( { month = 24; set = \"workers.individual_budget_eur\"; value = 1200.0; }, ... );` "
              "lists events, each a group; an event is a `set`, a `stop` or a `shock`. Keys:\n\n"
              "| key | events | type | range | meaning |\n|---|---|---|---|---|\n", out);
    else
        fputs("\ntimeline = ( { month = ...; ... }, ... ): events, each a set, a stop or a shock. Keys:\n", out);
    for (int k = 0; k < LLO_N_EVENT_KEYS; k++) {
        const llo_event_key *key = &keys[k];
        char kinds[96] = "", range[64] = "-";
        size_t used = 0;
        for (int kind = 0; kind < LLO_N_EVENT_KINDS; kind++)
            if (key->kinds & LLO_KIND_BIT(kind))
                used += (size_t)snprintf(kinds + used, sizeof kinds - used, "%s%s", used ? ", " : "",
                                         llo_event_kind_name(kind));
        if ((key->type == LLO_T_INT || key->type == LLO_T_FLOAT) && k != LLO_KEY_MONTH && k != LLO_KEY_VALUE)
            snprintf(range, sizeof range, "[%g, %g]", key->min, key->max);
        const char *type = k == LLO_KEY_VALUE ? "the setting's" : key->type == LLO_T_INT ? "int"
                           : key->type == LLO_T_FLOAT ? "float" : key->type == LLO_T_STRING ? "string" : "string list";
        if (markdown)
            fprintf(out, "| `%s` | %s | %s | %s | %s%s |\n", key->name, kinds, type, range, key->doc,
                    key->required ? " (required)" : "");
        else
            fprintf(out, "%s\n  events: %s  type: %s  range: %s%s\n  %s\n", key->name, kinds, type, range,
                    key->required ? "  required" : "", key->doc);
    }
}
