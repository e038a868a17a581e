/* `llosim params` and `llosim columns`: the settings table and the column dictionary. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "analysis/sensitivity/analyze.h"
#include "cli/cli.h"
#include "sim/output.h"

int cmd_reference(int argc, char **argv, int columns)
{
    int markdown = 0;
    for (int k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--markdown") == 0) markdown = 1;
        else {
            fprintf(stderr, "llosim: %s: unknown option '%s'\n", argv[1], argv[k]);
            return LLO_BAD_INPUT;
        }
    }
    if (columns) {
        llo_columns_print(stdout, markdown);
        lla_columns_print(stdout, markdown);
        lla_sensitivity_columns_print(stdout, markdown);
    } else llo_settings_print_reference(stdout, markdown);
    return 0;
}

