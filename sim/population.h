/* The initial population: how many agents a scenario needs, and who they are. */
#ifndef LLO_POPULATION_H
#define LLO_POPULATION_H

#include <stddef.h>
#include "config/params.h"

/* Counts of worker slots, employers and providers for p, without allocating. With exact = 0
 * the number of employers is an estimate that costs nothing however large the population;
 * with exact = 1 it is the number llo_population_init creates. */
void llo_population_plan(const llo_params *p, int exact, size_t *workers, size_t *employers, size_t *providers);

/* Size of a firm of class c: the class's size distribution read at quantile u. */
unsigned llo_firm_size_at(const llo_params *p, int size_class, double u);

/* Gives slot i a new person: identity, region and status as given; education, age, skill,
 * sector, propensity and the never-learner flag drawn from the person's own streams; no job,
 * course, history or budget. Shared by the initial population and entrants. */
struct llo_world;
void llo_person_init(struct llo_world *w, size_t i, uint64_t person, int region, int status);

/* The initial agents of a replicate: providers, employers and workers (setup.c calls it first). */
void llo_population_init(struct llo_world *w);

/* The initial workers' training history and the opening balances of their own budgets, counted
 * as accrued; needs the year's budgets (setup.c calls it last). */
void llo_population_history_init(struct llo_world *w);

#endif
