/* The set-up of a replicate, beside step.c's month: every mechanism's init in the order it
 * needs, from one place. llo_world_reset_point (world.c) clears the accounts and derives the
 * replicate's seed, then calls llo_world_setup:
 *   0. the timeline: no shock in force; the start-hazard table of the training choice;
 *   1. the agents: providers, employers with their firm sizes, workers with their jobs,
 *      skills and propensities (population.c);
 *   2. the employers' learning-culture norms; the orchestrators' staff; the regional agenda
 *      (governance); trust between the actors;
 *   3. providers: curricula start at the lag their speed holds under the information that
 *      reaches them, which trust and the agenda gate, so after both; then the offers;
 *   4. the choice tables the first month's decisions read;
 *   5. the year's budgets (employers' and the funding instruments'); who accrues an own
 *      budget (a collective agreement's scheme); the age-horizon term of the start hazard;
 *   6. the workers' training history and the opening balances of their own budgets.
 * Each step reads only what the steps before it set; the month then runs as step.c says. */
#include "sim/population.h"
#include "sim/world.h"

void llo_world_setup(llo_world *w)
{
    llo_timeline_reset(w);
    llo_training_choice_init(w);
    llo_population_init(w);
    llo_culture_norms_init(w);
    llo_orchestrators_init(w);
    llo_governance_init(w);
    llo_trust_init(w);
    llo_providers_adaptation_init(w);
    llo_offers_init(w);
    llo_choice_tables_update(w);
    llo_budgets_renew(w);
    llo_budgets_accrue_individual(w); /* who accrues an own budget, for the opening balances */
    llo_horizon_rates(w);             /* the horizon term of the start probability in the history */
    llo_population_history_init(w);
}
