/* The command line as a user meets it: every broken scenario is refused with exit code 2, its
 * file and line on stderr, and no output folder; every shipped scenario passes `check`; a
 * population too large for the machine is refused before anything is allocated; the
 * references list every setting and column. */
#include <dirent.h>
#include <unistd.h>

#include "config/settings.h"
#include "testutil.h"

/* The first `# expect:` substring of a corpus file. */
static int first_expect(const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[1024];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        char *at = strstr(line, "# expect: ");
        if (at) {
            snprintf(out, n, "%s", at + 10);
            out[strcspn(out, "\r\n")] = 0;
            found = 1;
        }
    }
    fclose(f);
    return found;
}

Test(cli, broken_scenarios_exit_2_and_write_nothing, .timeout = 600)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    DIR *dir = opendir("tests/broken");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int checked = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".cfg") != 0) continue;
        char path[512], log[256], out[256], expect[1024];
        snprintf(path, sizeof path, "tests/broken/%s", ent->d_name);
        snprintf(log, sizeof log, "%s/log", tmp);
        snprintf(out, sizeof out, "%s/out-%d", tmp, checked);
        for (int cmd = 0; cmd < 2; cmd++) {
            int rc = run_llosim(log, "%s %s -q -o %s", cmd ? "check" : "run", path, out);
            cr_assert_eq(rc, 2, "%s %s exited %d", cmd ? "check" : "run", path, rc);
            cr_assert(!path_exists(out), "%s left an output folder behind", path);
            char *text = slurp(log, NULL);
            cr_assert_not_null(text);
            /* Every message names the file (or an included file) and a line. */
            cr_assert(strstr(text, ".cfg:") || strstr(text, ".cfg: "), "%s: no file named in: %s", path, text);
            if (first_expect(path, expect, sizeof expect))
                cr_assert_not_null(strstr(text, expect), "%s: stderr lacks '%s':\n%s", path, expect, text);
            free(text);
        }
        checked++;
    }
    closedir(dir);
    cr_assert(checked >= 20, "only %d broken scenarios in the corpus", checked);
    remove_tree(tmp);
}

/* The acceptance check, spelt out: a misspelt setting, its file, line and the nearest
 * correct name, and no output folder. */
Test(cli, misspelt_setting_names_the_nearest, .timeout = 120)
{
    char tmp[64], cfg[128], log[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(cfg, sizeof cfg, "%s/typo.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    /* An absolute include: the scenario lives in a temporary folder. */
    char cwd[4096];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    FILE *f = fopen(cfg, "w");
    fprintf(f, "# a typo on line 3\n@include \"%s/scenarios/baseline.cfg\"\ntraining = { start_intercep = -3.0; };\n", cwd);
    fclose(f);
    cr_assert_eq(run_llosim(log, "run %s -o %s", cfg, out), 2);
    char *text = slurp(log, NULL);
    char want[256];
    snprintf(want, sizeof want, "%s:3: training.start_intercep: unknown setting; did you mean training.start_intercept?", cfg);
    cr_assert_not_null(strstr(text, want), "got: %s", text);
    cr_assert(!path_exists(out));
    free(text);
    remove_tree(tmp);
}

Test(cli, bad_overrides_exit_2, .timeout = 120)
{
    char tmp[64], log[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    const char *bad[] = {"--set run.monthz=3", "--set workers.leave_rate=1.5", "--months -4", "--scale abc",
                         "--set nonsense", "--threads 0", "--bogus"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg %s -o %s", bad[k], out), 2, "%s", bad[k]);
        cr_assert(!path_exists(out), "%s wrote output", bad[k]);
    }
    cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg --set run.monthz=3 -o %s", out), 2);
    char *text = slurp(log, NULL);
    cr_assert_not_null(strstr(text, "--set:1: run.monthz: unknown setting; did you mean run.months?"), "got: %s", text);
    free(text);
    remove_tree(tmp);
}

Test(cli, population_too_large_is_refused_before_allocation, .timeout = 120)
{
    char tmp[64], log[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    cr_assert_eq(run_llosim(log, "run scenarios/baseline.cfg --scale 10 --set "
                                 "'regions.employed=[900000000L, 900000000L, 900000000L, 900000000L]' -o %s", out), 2);
    char *text = slurp(log, NULL);
    cr_assert_not_null(strstr(text, "run.scale"), "got: %s", text);
    cr_assert_not_null(strstr(text, "GiB"), "got: %s", text);
    cr_assert(!path_exists(out));
    free(text);
    remove_tree(tmp);
}

Test(cli, shipped_scenarios_pass_check, .timeout = 120)
{
    DIR *dir = opendir("scenarios");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".cfg") != 0) continue;
        cr_assert_eq(run_llosim(NULL, "check scenarios/%s", ent->d_name), 0, "%s", ent->d_name);
        n++;
    }
    closedir(dir);
    cr_assert(n >= 2);
}

Test(cli, references_list_everything, .timeout = 120)
{
    char tmp[64], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_eq(run_llosim(log, "params --markdown"), 0);
    char *text = slurp(log, NULL);
    size_t n;
    const llo_setting *s = llo_settings(&n);
    for (size_t k = 0; k < n; k++) {
        char cell[256];
        snprintf(cell, sizeof cell, "| `%s` |", s[k].path);
        cr_assert_not_null(strstr(text, cell), "params lacks %s", s[k].path);
    }
    free(text);
    /* The committed references are the generated ones: the docs say what the code does. */
    cr_assert_eq(run_llosim(log, "params --markdown"), 0);
    cr_assert(same_file(log, "docs/parameters.md"), "docs/parameters.md is stale: run make docs");
    cr_assert_eq(run_llosim(log, "columns --markdown"), 0);
    cr_assert(same_file(log, "docs/columns.md"), "docs/columns.md is stale: run make docs");
    cr_assert_eq(run_llosim(log, "--version"), 0);
    text = slurp(log, NULL);
    cr_assert(strncmp(text, "llosim ", 7) == 0);
    free(text);
    remove_tree(tmp);
}

/* A bad -o is bad input found before the run (exit 2, nothing written), for run and for check. */
Test(cli, unusable_output_folder_is_refused_before_the_run, .timeout = 120)
{
    char tmp[64], log[128], file[128], out[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(file, sizeof file, "%s/existing.txt", tmp);
    FILE *f = fopen(file, "w");
    fputs("x\n", f);
    fclose(f);
    const char *bad[] = {file, "/dev/null", "/proc", "''", "/proc/sys/no/such"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        for (int cmd = 0; cmd < 2; cmd++) {
            int rc = run_llosim(log, "%s scenarios/quick.cfg --scale 0.002 --months 2 -q -o %s", cmd ? "check" : "run", bad[k]);
            char *text = slurp(log, NULL);
            cr_expect_eq(rc, 2, "%s -o %s exited %d: %s", cmd ? "check" : "run", bad[k], rc, text);
            cr_expect(text && strstr(text, "llosim: -o: "), "-o %s: no message naming -o: %s", bad[k], text);
            free(text);
        }
    char *kept = slurp(file, NULL);
    cr_expect_str_eq(kept, "x\n", "the existing file was changed");
    free(kept);
    /* A folder that does not exist yet, under one that does, is fine, and check creates nothing. */
    snprintf(out, sizeof out, "%s/new/sub", tmp);
    cr_expect_eq(run_llosim(log, "check scenarios/quick.cfg -o %s", out), 0);
    cr_expect(!path_exists(out), "check created the output folder");
    remove_tree(tmp);
}

/* A value longer than the option's buffer is refused, never cut into another value. */
Test(cli, long_option_value_is_refused_not_cut, .timeout = 60)
{
    char tmp[64], log[128], zeros[200];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    memset(zeros, '0', 118);
    snprintf(zeros + 118, sizeof zeros - 118, "12xyz");
    int rc = run_llosim(log, "check scenarios/quick.cfg --months %s", zeros);
    char *text = slurp(log, NULL);
    cr_expect_eq(rc, 2, "exited %d: %s", rc, text);
    cr_expect(text && strstr(text, "run.months: value of 123 characters is too long"), "%s", text);
    free(text);
    remove_tree(tmp);
}

/* A rerun into a folder holding a complete run that fails while writing (a file-size limit,
 * which fails the writes as a full disk does) leaves the earlier run whole: every file and its
 * manifest byte for byte, and no temporaries. */
Test(cli, failed_rerun_keeps_the_earlier_complete_run, .timeout = 300)
{
    char tmp[64], log[128], out[128], keep[128], cmd[1024];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    snprintf(keep, sizeof keep, "%s/keep", tmp);
    cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg --scale 0.002 --months 6 -q -o %s", out), 0);
    snprintf(cmd, sizeof cmd, "cp -r %s %s", out, keep);
    cr_assert_eq(system(cmd), 0);
    /* 8 blocks of 512 bytes: the resolved scenario fits, timeseries.csv does not. SIGXFSZ is
     * ignored so the write fails with EFBIG and llosim reports it. */
    snprintf(cmd, sizeof cmd,
             "trap '' XFSZ; ulimit -f 8; '%s' run scenarios/quick.cfg --scale 0.002 --months 24 --seed 9 -q -o %s >%s 2>&1",
             llosim_bin(), out, log);
    int st = system(cmd);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "the limited rerun did not fail with exit 1");
    const char *names[] = {"manifest.json", "timeseries.csv", "groups.csv", "network.csv", "scenario.resolved.cfg"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/%s", out, names[k]);
        snprintf(b, sizeof b, "%s/%s", keep, names[k]);
        cr_expect(same_file(a, b), "%s changed after a failed rerun", names[k]);
    }
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 5", out);
    cr_expect_eq(system(cmd), 0, "temporaries left in the folder");
    remove_tree(tmp);
}

/* `llosim params PATTERN`: only the matching settings, whole entries; none matching is exit 2. */
Test(cli, params_lists_the_matching_settings, .timeout = 60)
{
    char tmp[64], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_eq(run_llosim(log, "params leave_rate"), 0);
    char *text = slurp(log, NULL);
    cr_expect(strncmp(text, "workers.leave_rate\n  type: ", 27) == 0, "%s", text);
    cr_expect(!strstr(text, "run.months"), "an unmatched setting was listed: %s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "params 'run.*' --markdown"), 0);
    text = slurp(log, NULL);
    cr_expect(strstr(text, "| `run.months` |") && strstr(text, "| setting | type |"), "%s", text);
    cr_expect(!strstr(text, "`workers."), "an unmatched setting was listed: %s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "params no_such_thing_at_all"), 2);
    text = slurp(log, NULL);
    cr_expect(strstr(text, "no setting matches 'no_such_thing_at_all'"), "%s", text);
    free(text);
    remove_tree(tmp);
}

/* A mistyped option gets one line naming the nearest option, not the whole usage text. */
Test(cli, mistyped_option_names_the_nearest, .timeout = 60)
{
    char tmp[64], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg --scael 0.01"), 2);
    char *text = slurp(log, NULL);
    cr_expect_str_eq(text, "llosim: run: unknown option '--scael'; did you mean --scale? (llosim --help lists them)\n");
    free(text);
    cr_assert_eq(run_llosim(log, "check scenarios/quick.cfg --out"), 2);
    text = slurp(log, NULL);
    cr_expect_str_eq(text, "llosim: check: option '--out' needs a value\n");
    free(text);
    remove_tree(tmp);
}

/* `llosim new` writes a scenario that loads from anywhere, including the baseline by a path
 * relative to itself; it never overwrites a file. */
Test(cli, new_writes_a_scenario_that_loads_from_anywhere, .timeout = 120)
{
    char tmp[64], log[128], sub[128], file[256], cwd[4096], cmd[8192];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    /* Inside the project, so the include is relative (tests/ is a folder of the project). */
    snprintf(sub, sizeof sub, "tests/new-scenario-%d", (int)getpid());
    cr_assert_eq(mkdir(sub, 0777), 0);
    snprintf(file, sizeof file, "%s/my-policy.cfg", sub);
    cr_assert_eq(run_llosim(log, "new %s/my-policy", sub), 0);
    char *text = slurp(file, NULL);
    cr_assert_not_null(text);
    cr_expect(strstr(text, "@include \"../../scenarios/baseline.cfg\""), "%s", text);
    cr_expect(strstr(text, "name = \"my-policy\";"), "%s", text);
    free(text);
    /* Checked from another working directory. */
    snprintf(cmd, sizeof cmd, "cd %s && '%s' check '%s/%s' > '%s' 2>&1", tmp, llosim_bin(), cwd, file, log);
    int st = system(cmd);
    text = slurp(log, NULL);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the new scenario does not check clean: %s", text);
    free(text);
    cr_expect_eq(run_llosim(log, "init %s", file), 2, "an existing file was overwritten");
    unlink(file);
    rmdir(sub);
    remove_tree(tmp);
}

/* A control character in a file name never splits a message: every line of stderr is whole. */
Test(cli, control_characters_in_a_file_name_stay_on_one_line, .timeout = 60)
{
    char tmp[64], log[128], cfg[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(cfg, sizeof cfg, "%s/a\nb.cfg", tmp);
    FILE *f = fopen(cfg, "w");
    cr_assert_not_null(f);
    fputs("run = { monthz = 12; };\n", f);
    fclose(f);
    cr_assert_eq(run_llosim(log, "check \"$(printf '%s/a\\nb.cfg')\"", tmp), 2);
    char *text = slurp(log, NULL);
    int lines = 0;
    for (const char *p = text; *p; p++) lines += *p == '\n';
    cr_expect_eq(lines, 2, "expected the problem and the summary, one line each:\n%s", text);
    cr_expect(strstr(text, "a\\x0ab.cfg:1: run.monthz: unknown setting"), "%s", text);
    cr_expect(strstr(text, "a\\x0ab.cfg: 1 problem, nothing was run"), "%s", text);
    free(text);
    unlink(cfg);
    remove_tree(tmp);
}

/* Progress in a batch log (stderr not a terminal): plain lines from the burn-in on, with the time
 * elapsed and left, one at least at the end; -q prints none. */
Test(cli, progress_reaches_a_batch_log_from_the_burn_in, .timeout = 120)
{
    char tmp[64], log[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg --scale 0.002 --months 12 --set run.burn_in_months=12 --threads 1 -o %s", out), 0);
    char *text = slurp(log, NULL);
    cr_assert_not_null(text);
    cr_assert_null(strchr(text, '\r'), "a live line in a log: %s", text);
    cr_assert_not_null(strstr(text, "burn-in month 6/12"), "%s", text);
    cr_assert_not_null(strstr(text, "elapsed, about "), "no time left: %s", text);
    cr_assert_not_null(strstr(text, "month 12/12, 100% done"), "no closing line: %s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "run scenarios/quick.cfg --scale 0.002 --months 12 --set run.burn_in_months=12 --threads 1 -q -o %s", out), 0);
    text = slurp(log, NULL);
    cr_assert_str_eq(text, "", "-q printed: %s", text);
    free(text);
    remove_tree(tmp);
}
