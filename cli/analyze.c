/* `llosim analyze sobol|morris DIR`: the work, options included, is in analysis/sensitivity/analyze.c. */
#include "analysis/sensitivity/analyze.h"
#include "cli/cli.h"

int cmd_analyze(int argc, char **argv) { return lla_analyze_main(argc, argv); }
