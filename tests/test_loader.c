/* Tests of the scenario loader (config/scenario.c): a corpus of broken scenarios that must each
 * be refused with the promised messages, the shipped scenarios and tests/good/ that must load
 * clean, exact layering and origins, overrides, and a bit-exact round trip through the
 * resolved-scenario writer. Runs with the project root as working directory. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/scenario.h"
#include "config/settings.h"

#define EXPECT_MAX 32

/* One load's results, on the heap: the structs are large for a test's stack. */
typedef struct loaded {
    llo_scenario s;
    llo_diag d;
    int rc;
} loaded;

static loaded *load(const char *path, const char *const *sets, int n_sets)
{
    loaded *r = calloc(1, sizeof *r);
    cr_assert_not_null(r);
    r->rc = llo_scenario_load(&r->s, path, sets, n_sets, &r->d);
    return r;
}

/* All messages in one string, for failure reports. */
static void joined(const llo_diag *d, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < d->count && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "\n    %s", d->msg[i]);
}

static int has_message(const llo_diag *d, const char *needle)
{
    for (int i = 0; i < d->count; i++)
        if (strstr(d->msg[i], needle)) return 1;
    return 0;
}

/* Asserts that a load succeeded, showing the messages if not. */
static void expect_clean(const loaded *r, const char *what)
{
    char all[LLO_DIAG_MAX * LLO_DIAG_LEN];
    joined(&r->d, all, sizeof all);
    cr_expect_eq(r->rc, 0, "%s: expected no problems, got %d:%s", what, r->rc, all);
}

/* Asserts that a message containing `needle` was reported. */
static void expect_message(const loaded *r, const char *needle, const char *what)
{
    char all[LLO_DIAG_MAX * LLO_DIAG_LEN];
    joined(&r->d, all, sizeof all);
    cr_expect(has_message(&r->d, needle), "%s: no message contains\n    %s\n  got:%s", what, needle, all);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The *.cfg files directly in `dir`, sorted, as malloc'd "dir/name" strings; *n gets the count.
 * A missing folder gives none. */
static char **cfg_files(const char *dir, int *n)
{
    *n = 0;
    DIR *dh = opendir(dir);
    if (!dh) return NULL;
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".cfg")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        names = realloc(names, (size_t)(*n + 1) * sizeof *names);
        cr_assert_not_null(names);
        names[(*n)++] = strdup(path);
    }
    closedir(dh);
    if (*n) qsort(names, (size_t)*n, sizeof *names, cmp_names);
    return names;
}

static void free_files(char **files, int n)
{
    for (int i = 0; i < n; i++) free(files[i]);
    free(files);
}

/* The `# expect: ` and `# expect-not: ` lines of a corpus file. */
typedef struct expectations {
    char want[EXPECT_MAX][LLO_DIAG_LEN];
    int n_want;
    char reject[EXPECT_MAX][LLO_DIAG_LEN];
    int n_reject;
    long size;
} expectations;

static void read_expectations(const char *path, expectations *x)
{
    memset(x, 0, sizeof *x);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    char line[2 * LLO_DIAG_LEN];
    int first = 1;
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        if (first && strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3; /* the BOM case */
        first = 0;
        p[strcspn(p, "\r\n")] = '\0';
        if (strncmp(p, "# expect: ", 10) == 0 && x->n_want < EXPECT_MAX)
            snprintf(x->want[x->n_want++], LLO_DIAG_LEN, "%s", p + 10);
        else if (strncmp(p, "# expect-not: ", 14) == 0 && x->n_reject < EXPECT_MAX)
            snprintf(x->reject[x->n_reject++], LLO_DIAG_LEN, "%s", p + 14);
    }
    x->size = ftell(f);
    fclose(f);
}

/* Every broken scenario must be refused with every message its `# expect:` lines promise (and
 * none its `# expect-not:` lines forbid). A zero-byte file cannot carry comments: it must be
 * refused as empty. */
Test(loader, broken_corpus)
{
    int n;
    char **files = cfg_files("tests/broken", &n);
    cr_assert_gt(n, 20, "the broken corpus in tests/broken/ is missing (run from the project root)");
    for (int i = 0; i < n; i++) {
        expectations *x = calloc(1, sizeof *x);
        cr_assert_not_null(x);
        read_expectations(files[i], x);
        if (x->size == 0) {
            const char *base = strrchr(files[i], '/') + 1;
            snprintf(x->want[x->n_want++], LLO_DIAG_LEN, "%s:1: empty scenario file: no settings", base);
        }
        cr_expect_gt(x->n_want, 0, "%s has no '# expect: ' line", files[i]);
        loaded *r = load(files[i], NULL, 0);
        cr_expect_gt(r->rc, 0, "%s loaded without problems", files[i]);
        cr_expect_eq(r->rc, r->d.count + r->d.dropped, "%s: return value is not the number of problems", files[i]);
        for (int k = 0; k < x->n_want; k++) expect_message(r, x->want[k], files[i]);
        for (int k = 0; k < x->n_reject; k++)
            cr_expect(!has_message(&r->d, x->reject[k]), "%s: a message contains the forbidden\n    %s", files[i],
                      x->reject[k]);
        free(r);
        free(x);
    }
    free_files(files, n);
}

/* The scenarios shipped in scenarios/ (which include scenarios/base/) must load clean. */
Test(loader, shipped_scenarios_load)
{
    int n;
    char **files = cfg_files("scenarios", &n);
    if (n == 0) cr_log_warn("no scenarios/*.cfg yet: nothing to check");
    for (int i = 0; i < n; i++) {
        loaded *r = load(files[i], NULL, 0);
        expect_clean(r, files[i]);
        free(r);
    }
    free_files(files, n);
}

Test(loader, good_files_load)
{
    int n;
    char **files = cfg_files("tests/good", &n);
    cr_assert_geq(n, 2);
    for (int i = 0; i < n; i++) {
        loaded *r = load(files[i], NULL, 0);
        expect_clean(r, files[i]);
        free(r);
    }
    free_files(files, n);
}

static const llo_origin *origin_of(const llo_scenario *s, const char *path)
{
    const llo_setting *row = llo_setting_find(path);
    cr_assert_not_null(row, "no setting %s", path);
    return &s->origin[llo_setting_index(row)];
}

static void expect_origin(const llo_scenario *s, const char *path, const char *file, int line)
{
    const llo_origin *o = origin_of(s, path);
    cr_expect_str_eq(o->file, file, "origin of %s", path);
    cr_expect_eq(o->line, line, "origin line of %s: %d, expected %d", path, o->line, line);
}

/* Includes apply in order, each after its own includes, then the file, then the overrides. */
Test(loader, layering_order_and_origins)
{
    const char *sets[] = {"run.months=48", " workers.leave_rate = 0.03 ", "run.months=60;"};
    loaded *r = load("tests/good/layered.cfg", sets, 3);
    expect_clean(r, "layered.cfg");
    const llo_params *p = &r->s.params;
    cr_expect_eq(p->months, 60);
    expect_origin(&r->s, "run.months", "--set", 3);
    cr_expect_eq(p->leave_rate, 0.03);
    expect_origin(&r->s, "workers.leave_rate", "--set", 2);
    cr_expect_eq(p->scale, 0.25);
    expect_origin(&r->s, "run.scale", "tests/good/layered.cfg", 9);
    cr_expect_eq(p->entry_age, 18);
    expect_origin(&r->s, "workers.entry_age", "tests/good/layered.cfg", 12);
    cr_expect_eq(p->job_finding_rate, 0.2);
    expect_origin(&r->s, "labour.job_finding_rate", "tests/good/parts/nested.cfg", 2);
    cr_expect_eq(p->replicates, 1);
    expect_origin(&r->s, "run.replicates", "default", 0);
    cr_expect_str_eq(p->name, "layered");
    free(r);

    /* Without overrides the last file layer wins: base-b over nested over base-a. */
    r = load("tests/good/layered.cfg", NULL, 0);
    expect_clean(r, "layered.cfg");
    cr_expect_eq(r->s.params.months, 36);
    expect_origin(&r->s, "run.months", "tests/good/parts/base-b.cfg", 4);
    cr_expect_eq(r->s.params.leave_rate, 0.02);
    expect_origin(&r->s, "workers.leave_rate", "tests/good/parts/base-a.cfg", 7);
    free(r);
}

/* L-suffixed int64, hex, a float written as an integer, ( ) lists mixing kinds. */
Test(loader, literal_forms)
{
    loaded *r = load("tests/good/types.cfg", NULL, 0);
    expect_clean(r, "types.cfg");
    const llo_params *p = &r->s.params;
    cr_expect_str_eq(p->name, "typed-run");
    cr_expect_eq(p->seed, INT64_C(99999999999));
    cr_expect_eq(p->scale, 1.0);
    cr_expect_eq(p->months, 24);
    cr_expect_eq(p->burn_in_months, 6);
    cr_expect_eq(p->n_regions, 4);
    cr_expect_str_eq(p->region_names[3], "West");
    cr_expect_eq(p->region_names[4][0], '\0', "names past the count are cleared");
    cr_expect_eq(p->region_employed[1], 200000);
    cr_expect_eq(p->region_employed[4], 0, "elements past the length are cleared");
    cr_expect_eq(p->distance_km[6], 25.0);
    cr_expect_eq(p->education_share[0], 0.0);
    cr_expect_eq(p->education_share[1], 0.6);
    cr_expect_eq(p->providers_private[3], 6);
    cr_expect_eq(r->s.given_len[llo_setting_index(llo_setting_find("regions.employed"))], 4);
    cr_expect_eq(r->s.given_len[llo_setting_index(llo_setting_find("regions.distance_km"))], 16);
    expect_origin(&r->s, "regions.distance_km", "tests/good/types.cfg", 13);
    free(r);
}

/* A temporary folder for files the tests write, removed with its files by cleanup_dir. */
static void make_dir(char *dir, size_t n)
{
    snprintf(dir, n, "/tmp/llo-loader-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void cleanup_dir(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh) return;
    struct dirent *e;
    while ((e = readdir(dh))) {
        if (e->d_name[0] == '.') continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(dh);
    rmdir(dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

Test(loader, name_defaults_to_sanitised_base_name)
{
    char dir[64], path[128];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/my scenario.v2.cfg", dir);
    write_file(path, "run = { months = 12; };\n");
    loaded *r = load(path, NULL, 0);
    expect_clean(r, path);
    cr_expect_str_eq(r->s.params.name, "my_scenario.v2");
    free(r);
    cleanup_dir(dir);
}

/* Writes p as a resolved scenario, loads it back and requires the same bytes. */
static void round_trip(const llo_params *p, const char *dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/resolved.cfg", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(llo_params_write(p, f), 0);
    cr_assert_eq(fclose(f), 0);
    loaded *r = load(path, NULL, 0);
    expect_clean(r, "the resolved scenario");
    cr_expect(memcmp(&r->s.params, p, sizeof *p) == 0, "the reloaded parameters differ from the written ones");
    free(r);
}

Test(loader, round_trip_of_defaults_is_bit_exact)
{
    char dir[64];
    make_dir(dir, sizeof dir);
    llo_params p;
    llo_params_defaults(&p);
    snprintf(p.name, sizeof p.name, "roundtrip");
    round_trip(&p, dir);
    cleanup_dir(dir);
}

/* Overrides that set the region count to n and give every per-region list (whatever the
 * table holds) valid values: strictly inside each range, the matrix symmetric. Returns how
 * many were written to out. */
static int region_overrides(int n, char out[][1024], int cap)
{
    size_t rows;
    const llo_setting *table = llo_settings(&rows);
    int k = 0;
    size_t used = (size_t)snprintf(out[k], 1024, "regions.names=[");
    for (int i = 0; i < n; i++) used += (size_t)snprintf(out[k] + used, 1024 - used, "%s\"R%d\"", i ? ", " : "", i);
    snprintf(out[k] + used, 1024 - used, "]");
    k++;
    for (size_t r = 0; r < rows && k < cap; r++) {
        const llo_setting *row = &table[r];
        if (row->len_rule != LLO_LEN_REGIONS && row->len_rule != LLO_LEN_REGIONS_SQ) continue;
        int len = row->len_rule == LLO_LEN_REGIONS ? n : n * n;
        used = (size_t)snprintf(out[k], 1024, "%s=(", row->path);
        for (int e = 0; e < len; e++) {
            int a = row->len_rule == LLO_LEN_REGIONS ? e : e / n, b = row->len_rule == LLO_LEN_REGIONS ? e : e % n;
            int lo = a < b ? a : b, hi = a < b ? b : a;
            double v = row->min + (row->max - row->min) * (double)(lo * n + hi + 1) / (double)(n * n + 1);
            if (row->type == LLO_T_INT64_LIST)
                used += (size_t)snprintf(out[k] + used, 1024 - used, "%s%lldL", e ? ", " : "", (long long)ceil(v));
            else
                used += (size_t)snprintf(out[k] + used, 1024 - used, "%s%#.17g", e ? ", " : "", v); /* always a float literal */
        }
        snprintf(out[k] + used, 1024 - used, ")");
        k++;
    }
    return k;
}

Test(loader, round_trip_after_overrides_is_bit_exact)
{
    char dir[64], base[128];
    make_dir(dir, sizeof dir);
    snprintf(base, sizeof base, "%s/base.cfg", dir);
    write_file(base, "name = \"rt\";\n");
    static char generated[32][1024];
    int n_gen = region_overrides(3, generated, 32);
    const char *sets[48] = {
        "run.scale=0.1",
        "run.seed=12345678901234L",
        "workers.leave_rate=0.0123456789012345",
        "workers.education_share=[0.1, 0.2, 0.7]",
        "training.choice_price=0.3333333333333333",
    };
    int n = 5;
    for (int i = 0; i < n_gen; i++) sets[n++] = generated[i];
    loaded *r = load(base, sets, n);
    expect_clean(r, "overrides");
    cr_expect_eq(r->s.params.scale, 0.1);
    cr_expect_eq(r->s.params.n_regions, 3);
    round_trip(&r->s.params, dir);
    free(r);
    cleanup_dir(dir);
}

/* Overrides go through the same checks as files, each located as --set:<position>. */
Test(loader, override_problems)
{
    const char *sets[] = {
        "run.monthz=12",                 /* 1: unknown, with a suggestion */
        "run.months",                    /* 2: no '=' */
        "=5",                            /* 3: empty path */
        "run.months=",                   /* 4: no value */
        "run.months=10.7",               /* 5: float for int */
        "name=baseline",                 /* 6: unquoted string */
        "run.seed=99999999999",          /* 7: wraps without L */
        "run.months=1; seed=2",          /* 8: two settings */
        "workers=3",                     /* 9: a value for a group */
        "workers.leave_rate=2",          /* 10: out of range */
        "regions.unemployment=[0.1, 0.2]", /* 11: wrong length, reported after all layers */
        "run..months=3",                 /* 12: malformed path */
        "run.scale=1e400",               /* 13: not finite */
    };
    loaded *r = load("tests/good/layered.cfg", sets, (int)(sizeof sets / sizeof sets[0]));
    cr_expect_eq(r->rc, 13, "expected one problem per bad override, got %d", r->rc);
    expect_message(r, "--set:1: run.monthz: unknown setting; did you mean run.months?", "override");
    expect_message(r, "--set:2: malformed override \"run.months\": expected PATH=VALUE", "override");
    expect_message(r, "--set:3: malformed override \"=5\"", "override");
    expect_message(r, "--set:4: run.months: no value after '='", "override");
    expect_message(r, "--set:5: run.months: expected an integer, got 10.7", "override");
    expect_message(r, "--set:6: name: syntax error in value \"baseline\"; a string needs double quotes", "override");
    expect_message(r, "--set:7: run.seed: integer 99999999999 does not fit in 32 bits; write it as 99999999999L",
                   "override");
    expect_message(r, "--set:8: run.months: \"1; seed=2\" is not a single value", "override");
    expect_message(r, "--set:9: workers: is a group of settings", "override");
    expect_message(r, "--set:10: workers.leave_rate: 2 is outside [0, 1]", "override");
    expect_message(r, "--set:11: regions.unemployment: has 2 values, needs one per region (4)", "override");
    expect_message(r, "--set:12: malformed override \"run..months=3\"", "override");
    expect_message(r, "--set:13: run.scale: value is not finite", "override");
    free(r);
}

/* A count changed by an override makes the region lists given in the file the wrong length. */
Test(loader, override_changing_the_count_is_checked_against_file_lists)
{
    const char *sets[] = {"regions.names=[\"A\", \"B\", \"C\", \"D\"]"};
    loaded *r = load("tests/good/types.cfg", sets, 1);
    expect_clean(r, "same count");
    free(r);
    const char *sets2[] = {"regions.names=[\"A\", \"B\", \"C\"]"};
    r = load("tests/good/types.cfg", sets2, 1);
    expect_message(r, "types.cfg:11: regions.employed: has 4 values, needs one per region (3); "
                   "regions.names is set at --set:1", "count from override");
    expect_message(r, "types.cfg:13: regions.distance_km: has 16 values, needs one per pair of regions (9 = 3 x 3)",
                   "count from override");
    free(r);
}

Test(loader, top_level_file_that_cannot_be_opened)
{
    loaded *r = load("tests/broken/no-such-file.cfg", NULL, 0);
    cr_expect_eq(r->rc, 1);
    expect_message(r, "tests/broken/no-such-file.cfg: cannot open: No such file or directory", "missing");
    free(r);
    r = load("tests/broken", NULL, 0);
    cr_expect_eq(r->rc, 1);
    expect_message(r, "tests/broken: cannot open: Is a directory", "directory");
    free(r);
}

/* A chain of includes `levels` deep below the top file: f0 includes f1, ... */
static void write_chain(const char *dir, int levels)
{
    for (int i = 0; i <= levels; i++) {
        char path[128], text[256];
        snprintf(path, sizeof path, "%s/f%d.cfg", dir, i);
        if (i < levels) snprintf(text, sizeof text, "@include \"f%d.cfg\"\nrun = { months = %d; };\n", i + 1, i + 1);
        else snprintf(text, sizeof text, "run = { months = %d; };\n", i + 1);
        write_file(path, text);
    }
}

Test(loader, include_depth_is_limited_to_16)
{
    char dir[64], top[128];
    make_dir(dir, sizeof dir);
    write_chain(dir, 16);
    snprintf(top, sizeof top, "%s/f0.cfg", dir);
    loaded *r = load(top, NULL, 0);
    expect_clean(r, "16 levels");
    cr_expect_eq(r->s.params.months, 1, "the top file applies last");
    free(r);
    cleanup_dir(dir);

    make_dir(dir, sizeof dir);
    write_chain(dir, 17);
    snprintf(top, sizeof top, "%s/f0.cfg", dir);
    r = load(top, NULL, 0);
    cr_expect_eq(r->rc, 1);
    expect_message(r, "f16.cfg:1: @include \"f17.cfg\": includes nested deeper than 16 levels", "17 levels");
    free(r);
    cleanup_dir(dir);
}

/* Only the first LLO_DIAG_MAX messages are kept; the rest are counted, and all are returned. */
Test(loader, many_problems_are_counted)
{
    const char *sets[70];
    for (int i = 0; i < 70; i++) sets[i] = "run.nope=1";
    loaded *r = load("tests/good/layered.cfg", sets, 70);
    cr_expect_eq(r->rc, 70);
    cr_expect_eq(r->d.count, LLO_DIAG_MAX);
    cr_expect_eq(r->d.dropped, 70 - LLO_DIAG_MAX);
    free(r);
}

Test(loader, complain_locates_the_origin)
{
    const char *sets[] = {"run.scale=0.5"};
    loaded *r = load("tests/good/types.cfg", sets, 1);
    expect_clean(r, "types.cfg");
    llo_scenario_complain(&r->s, &r->d, "run.scale", "needs %d GB", 3);
    llo_scenario_complain(&r->s, &r->d, "run.months", "too many");
    llo_scenario_complain(&r->s, &r->d, "run.replicates", "too many");
    cr_expect_str_eq(r->d.msg[0], "--set:1: run.scale: needs 3 GB");
    cr_expect_str_eq(r->d.msg[1], "tests/good/types.cfg:6: run.months: too many");
    cr_expect_str_eq(r->d.msg[2], "tests/good/types.cfg: run.replicates (default): too many");
    free(r);
}

/* An override path of many components must be written into its text without overflowing. */
Test(loader, deeply_dotted_override)
{
    char set[400];
    size_t used = 0;
    for (int i = 0; i < 120; i++) used += (size_t)snprintf(set + used, sizeof set - used, "%sa", i ? "." : "");
    snprintf(set + used, sizeof set - used, "=1");
    const char *sets[] = {set};
    loaded *r = load("tests/good/layered.cfg", sets, 1);
    cr_expect_eq(r->rc, 1);
    expect_message(r, "--set:1: a: unknown group", "deep override");
    free(r);
}

/* A setting that names a rule defaults to one of its allowed values, takes each of them, and
 * writes the value back as given (the resolved scenario round-trips). */
Test(loader, rule_settings_take_only_their_allowed_values)
{
    size_t rows;
    const llo_setting *table = llo_settings(&rows);
    int found = 0;
    char dir[64];
    make_dir(dir, sizeof dir);
    for (size_t i = 0; i < rows; i++) {
        const llo_setting *row = &table[i];
        if (!row->allowed) continue;
        found++;
        cr_expect_eq(row->type, LLO_T_CHOICE, "%s: allowed values on a setting that is not a choice", row->path);
        cr_expect_geq(llo_setting_allowed_index(row, row->def_str), 0, "%s: default \"%s\" is not allowed", row->path,
                      row->def_str);
        for (int k = 0; row->allowed[k]; k++) {
            char set[256];
            snprintf(set, sizeof set, "%s=\"%s\"", row->path, row->allowed[k]);
            const char *sets[] = {set};
            loaded *r = load("tests/good/layered.cfg", sets, 1);
            expect_clean(r, set);
            /* Resolved at load time: the engine reads the enum, never the name. */
            int stored = *(const int *)((const char *)&r->s.params + row->offset);
            cr_expect_eq(stored, k, "%s", set);
            cr_expect_str_eq(llo_setting_allowed_name(row, stored), row->allowed[k], "%s", set);
            round_trip(&r->s.params, dir);
            free(r);
        }
    }
    cr_expect_geq(found, 2, "expected the provider rules to name their allowed values");
    cleanup_dir(dir);
}

/* A FIFO blocks open() until a writer comes: as a scenario, an @include or a sweep's scenario it
 * must be refused at once, saying what it is. */
Test(loader, fifo_is_refused_without_blocking, .timeout = 20)
{
    char dir[64], fifo[128], top[128];
    make_dir(dir, sizeof dir);
    snprintf(fifo, sizeof fifo, "%s/f.cfg", dir);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    loaded *r = load(fifo, NULL, 0);
    cr_expect_eq(r->rc, 1);
    expect_message(r, "f.cfg: cannot read: not a regular file", "fifo as the scenario");
    free(r);
    snprintf(top, sizeof top, "%s/top.cfg", dir);
    write_file(top, "run = { months = 12; };\n@include \"f.cfg\"\n");
    r = load(top, NULL, 0);
    expect_message(r, "top.cfg:2: @include \"f.cfg\": cannot read", "fifo as an include");
    expect_message(r, "not a regular file", "fifo as an include");
    free(r);
    cleanup_dir(dir);
}

/* A --set value is taken whole: cut at some buffer's length, "12<spaces>4" would read as 12. */
Test(loader, long_override_value_is_not_cut)
{
    char set[1024];
    snprintf(set, sizeof set, "run.months=12%600s4", "");
    const char *sets[] = {set};
    loaded *r = load("tests/good/layered.cfg", sets, 1);
    cr_expect_gt(r->rc, 0, "a value with a gap in it was accepted");
    expect_message(r, "--set:1: run.months: syntax error in value \"12", "long value");
    free(r);
    char longer[700];
    snprintf(longer, sizeof longer, "run.months=%0600d", 24);
    const char *sets2[] = {longer};
    r = load("tests/good/layered.cfg", sets2, 1);
    expect_clean(r, "600 characters of a valid integer");
    cr_expect_eq(r->s.params.months, 24);
    free(r);
}

/* Control characters in a file name are shown escaped, so every message stays one line. */
Test(loader, control_characters_in_names_are_escaped)
{
    char dir[64], path[128];
    make_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/a\nb\x1b.cfg", dir);
    write_file(path, "run = { monthz = 12; };\n");
    loaded *r = load(path, NULL, 0);
    cr_expect_gt(r->rc, 0);
    expect_message(r, "a\\x0ab\\x1b.cfg:1: run.monthz: unknown setting", "escaped name");
    for (int k = 0; k < r->d.count; k++)
        for (const char *p = r->d.msg[k]; *p; p++)
            cr_expect((unsigned char)*p >= 0x20, "raw control character in: %s", r->d.msg[k]);
    free(r);
    unlink(path);
    cleanup_dir(dir);
}
