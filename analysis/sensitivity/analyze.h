/* `llosim analyze sobol|morris DIR`: sensitivity analysis of a sweep folder (docs/sensitivity.md).
 * The command line calls lla_analyze_main; everything it prints or writes is decided here. */
#ifndef LLA_ANALYZE_H
#define LLA_ANALYZE_H

#include <stdio.h>

/* argv[1] is "analyze", argv[2] the method. Returns the exit code: 0 success, 1 a failure while
 * computing or writing, 2 bad input (with a message on stderr, and nothing written). */
int lla_analyze_main(int argc, char **argv);

/* The column dictionary of sobol.csv and morris.csv, appended to `llosim columns`. */
void lla_sensitivity_columns_print(FILE *out, int markdown);

#endif
