/* `llosim params` and `llosim columns`: the settings table and the column dictionary. */
#include <errno.h>
#include <fnmatch.h>
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

/* Whether a setting's path matches what the user typed: a shell pattern when it has * ? or [,
 * else any part of the path ("budget" finds every *budget* setting). */
static int path_matches(const char *path, const char *pattern)
{
    if (strpbrk(pattern, "*?[")) return fnmatch(pattern, path, 0) == 0;
    return strstr(path, pattern) != NULL;
}

/* Prints only the settings whose path matches: the reference is formatted whole (so it reads
 * exactly as `llosim params` does) and filtered by entry, an entry being a setting's path line
 * and the indented lines after it, or a setting's row of the markdown table. Returns how many
 * matched. */
static int print_matching(FILE *out, int markdown, const char *pattern)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return -1;
    llo_settings_print_reference(mem, markdown);
    fclose(mem);
    int matched = 0, keep = 0, in_table = 0;
    for (char *line = text; line && *line;) {
        char *eol = strchr(line, '\n');
        if (eol) *eol = '\0';
        if (markdown) {
            char path[256] = "";
            if (sscanf(line, "| `%255[^`]`", path) == 1 && llo_setting_find(path)) {
                in_table = 1;
                keep = path_matches(path, pattern);
            } else {
                keep = !in_table; /* the page's title and the table's head */
                if (in_table) break;
            }
        } else if (line[0] != ' ') {
            /* A path line starts an entry; the timeline's keys after the settings are not settings. */
            keep = llo_setting_find(line) && path_matches(line, pattern);
        }
        if (keep) {
            fprintf(out, "%s\n", line);
            matched += markdown ? line[0] == '|' && line[1] == ' ' && line[2] == '`' : line[0] != ' ';
        }
        line = eol ? eol + 1 : NULL;
    }
    free(text);
    return matched;
}

int cmd_reference(int argc, char **argv, int columns)
{
    int markdown = 0;
    const char *pattern = NULL;
    for (int k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--markdown") == 0) markdown = 1;
        else if (!columns && argv[k][0] != '-' && !pattern) pattern = argv[k];
        else {
            fprintf(stderr, "llosim: %s: unknown option '%s'%s\n", argv[1], argv[k],
                    columns ? "" : "; give at most one PATTERN (part of a setting's path, or a shell pattern such as 'funding.*')");
            return LLO_BAD_INPUT;
        }
    }
    if (columns) {
        llo_columns_print(stdout, markdown);
        lla_columns_print(stdout, markdown);
        lla_sensitivity_columns_print(stdout, markdown);
    } else if (pattern) {
        int n = print_matching(stdout, markdown, pattern);
        if (n < 0) {
            fprintf(stderr, "llosim: params: out of memory\n");
            return 1;
        }
        if (n == 0) {
            const char *near = llo_setting_suggest(pattern);
            fprintf(stderr, "llosim: params: no setting matches '%s'%s%s%s\n", pattern, near ? "; did you mean " : "",
                    near ? near : "", near ? "?" : "");
            return LLO_BAD_INPUT;
        }
    } else llo_settings_print_reference(stdout, markdown);
    return 0;
}
