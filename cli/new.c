/* `llosim new NAME` (also `llosim init NAME`): writes a commented scenario to start from, which
 * includes the shipped baseline by a path relative to where the new file is, so it loads from
 * any working directory and keeps loading when the project folder moves as a whole. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "sim/durable.h"

static const char template_text[] =
    "# %s: a scenario, read against the baseline it includes.\n"
    "#\n"
    "# Study: the question this scenario asks, and the finding or lever it stands for.\n"
    "#\n"
    "# Changes against the baseline: list each setting you change below and why, so a reader of\n"
    "# the results knows what differs. Everything not set here is the baseline's (run\n"
    "# `llosim params PATTERN` for a setting's meaning, range and default, e.g. `llosim params\n"
    "# funding`). Same seed as the baseline, so every random draw is the baseline's and the\n"
    "# difference between the two runs is the scenario's effect.\n"
    "#\n"
    "# Try it, and compare with the baseline:\n"
    "#   llosim check %s\n"
    "#   llosim compare %s %s --scale 0.01\n"
    "@include \"%s\"\n"
    "\n"
    "name = \"%s\";\n"
    "\n"
    "# A quicker, smaller run while you work on it (remove for the real thing):\n"
    "run = {\n"
    "  scale = 0.01;\n"
    "  months = 60;\n"
    "};\n"
    "\n"
    "# Settings are grouped by their path's first part; uncomment and change, for example:\n"
    "# employers = {\n"
    "#   payback_share = 1.0;\n"
    "#   payback_months = 36;\n"
    "# };\n"
    "\n"
    "# Events during the run (`llosim params` lists the keys at the end), for example a\n"
    "# technology shock from month 36 for four years:\n"
    "# timeline = (\n"
    "#   { month = 36; shock = \"technology\"; months = 48; obsolescence_factor = 2.5;\n"
    "#     sectors = [\"manufacturing\"]; }\n"
    "# );\n";

/* The shipped baseline, absolute: under the working directory's scenarios/, else beside the
 * program (build/llosim -> scenarios/), else where an installed program's data would be. */
static int find_baseline(char *out)
{
    char exe[PATH_MAX], cand[PATH_MAX + 64];
    const char *tries[3] = {"scenarios/baseline.cfg", NULL, NULL};
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char a[PATH_MAX + 64], b[PATH_MAX + 64];
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        snprintf(a, sizeof a, "%s/../scenarios/baseline.cfg", exe);
        snprintf(b, sizeof b, "%s/../share/llosim/scenarios/baseline.cfg", exe);
        tries[1] = a;
        tries[2] = b;
    }
    for (int k = 0; k < 3; k++) {
        if (!tries[k]) continue;
        snprintf(cand, sizeof cand, "%s", tries[k]);
        if (realpath(cand, out)) return 0;
    }
    return -1;
}

/* The path of `to` as seen from folder `from`, both absolute and free of . and .. */
static void relative_path(const char *from, const char *to, char *out, size_t n)
{
    size_t common = 0, k = 0;
    /* The longest shared prefix that ends at a folder boundary. */
    while (from[k] && to[k] && from[k] == to[k]) {
        k++;
        if ((from[k] == '/' || from[k] == '\0') && to[k] == '/') common = k;
    }
    if (strcmp(from, "/") == 0) common = 0;
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = from + common; *p; p++)
        if (*p == '/') used += (size_t)snprintf(out + used, used < n ? n - used : 0, "../");
    snprintf(out + used, used < n ? n - used : 0, "%s", to + common + 1);
}

int cmd_new(int argc, char **argv)
{
    if (argc != 3 || argv[2][0] == '-') {
        fprintf(stderr, "llosim: %s: give the new scenario's name or path, e.g. `llosim %s my-policy` "
                        "(writes my-policy.cfg)\n", argv[1], argv[1]);
        return LLO_BAD_INPUT;
    }
    char file[PATH_MAX], dir[PATH_MAX], real_dir[PATH_MAX], baseline[PATH_MAX], include[PATH_MAX], name[LLO_NAME_MAX];
    size_t len = strlen(argv[2]);
    if (len + 5 > sizeof file) {
        fprintf(stderr, "llosim: %s: path too long\n", argv[1]);
        return LLO_BAD_INPUT;
    }
    snprintf(file, sizeof file, "%s%s", argv[2], len > 4 && !strcmp(argv[2] + len - 4, ".cfg") ? "" : ".cfg");
    const char *slash = strrchr(file, '/');
    const char *base = slash ? slash + 1 : file;
    if (slash) snprintf(dir, sizeof dir, "%.*s", slash == file ? 1 : (int)(slash - file), file);
    else snprintf(dir, sizeof dir, ".");
    /* The name the outputs will carry: the base name, made a safe folder name. */
    size_t bl = strlen(base) - 4, o = 0;
    for (size_t k = 0; k < bl && o + 1 < sizeof name; k++) {
        char c = base[k];
        name[o++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '-';
    }
    name[o] = '\0';
    if (!name[0] || name[0] == '-' || name[0] == '.') {
        fprintf(stderr, "llosim: %s: '%s' is not a usable scenario name; start it with a letter or digit\n", argv[1], argv[2]);
        return LLO_BAD_INPUT;
    }
    struct stat st;
    if (lstat(file, &st) == 0) {
        fprintf(stderr, "llosim: %s: %s already exists; choose another name (nothing was written)\n", argv[1], file);
        return LLO_BAD_INPUT;
    }
    if (!realpath(dir, real_dir)) {
        fprintf(stderr, "llosim: %s: folder %s: %s\n", argv[1], dir, strerror(errno));
        return LLO_BAD_INPUT;
    }
    if (find_baseline(baseline) != 0) {
        fprintf(stderr, "llosim: %s: cannot find scenarios/baseline.cfg (looked in the working directory and beside "
                        "the llosim program); run it from the project folder\n", argv[1]);
        return LLO_BAD_INPUT;
    }
    /* Relative when the two share a folder below the root (the project moves as a whole);
     * otherwise a climb to / would be longer and no more portable than the absolute path. */
    const char *second = strchr(real_dir + 1, '/');
    size_t top = second ? (size_t)(second - real_dir) : strlen(real_dir);
    if (strncmp(real_dir, baseline, top) == 0 && baseline[top] == '/' && top > 1)
        relative_path(real_dir, baseline, include, sizeof include);
    else
        snprintf(include, sizeof include, "%s", baseline);
    char *text = NULL;
    size_t text_len = 0;
    FILE *mem = open_memstream(&text, &text_len);
    if (!mem) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    fprintf(mem, template_text, name, file, baseline, file, include, name);
    fclose(mem);
    char err[PATH_MAX + 256];
    int rc = llo_write_atomic(dir, base, text, text_len, err, sizeof err);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "llosim: %s: %s\n", argv[1], err);
        return 1;
    }
    printf("wrote %s (includes %s); edit it, then: llosim check %s\n", file, include, file);
    return 0;
}
