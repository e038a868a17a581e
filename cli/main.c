/* The llosim command: a thin layer over the library. It parses the command line, loads and
 * validates the scenario, refuses what cannot run, and only here does the process exit.
 * Exit codes: sim/result.h. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "sim/version.h"

static const char usage[] =
    "usage: llosim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO.cfg [options]     simulate and write the outputs\n"
    "  check SCENARIO.cfg [options]   validate and print what the run would be, without running\n"
    "  new NAME (or init NAME)        write NAME.cfg, a commented scenario that includes the\n"
    "                                 baseline, to start a new one from\n"
    "  params [PATTERN] [--markdown]  every setting: path, type, range, default, unit, meaning;\n"
    "                                 with PATTERN only those whose path holds it, or matches\n"
    "                                 it as a shell pattern ('funding.*')\n"
    "  columns [--markdown]           the column dictionary of the output files\n"
    "  calibrate FILE.calib [options] fit a scenario's settings to target moments and write the\n"
    "                                 fitted scenario (see README.md, Calibration)\n"
    "  compare BASE ALT [ALT2 ...] [options]\n"
    "                                 compare scenarios: each of BASE, ALT... is a scenario file\n"
    "                                 (run here, replicate k of each with the same seed) or a run\n"
    "                                 folder (analysed as it is); writes comparison.csv, plots/\n"
    "                                 and report.html (see README.md, Comparing scenarios)\n"
    "  summarize DIR                  mean, sd and 95%% interval over a run folder's replicates:\n"
    "                                 DIR/summary.csv, DIR/plots/, DIR/summary.json\n"
    "  sweep plan|task|run SWEEP.cfg [options], sweep status|merge DIR\n"
    "                                 parameter sweeps: one task per point and replicate, run by\n"
    "                                 local processes (-j N), MPI (llosim-mpi) or a SLURM array\n"
    "                                 (`llosim sweep --help`, docs/sweeps.md)\n"
    "  serve [SCENARIO.cfg] [--port N] [--scale F] [--classroom]\n"
    "                                 the live view in the browser: step, run, pull levers mid-run,\n"
    "                                 the ghost baseline beside it (`llosim serve --help`,\n"
    "                                 docs/teaching.md)\n"
    "  analyze sobol|morris DIR [options]\n"
    "                                 sensitivity of a sweep's indicators to its axes: Sobol\n"
    "                                 indices or Morris effects, ranked (docs/sensitivity.md;\n"
    "                                 `llosim analyze --help` for the options)\n"
    "\n"
    "options of run and check:\n"
    "  -o, --out DIR         output folder (default out/<scenario name>/)\n"
    "  --seed N              master seed (run.seed)\n"
    "  --replicates R        replicates (run.replicates)\n"
    "  --months M            months to simulate (run.months)\n"
    "  --scale F             multiply workers, employers and seats by F, e.g. 0.01 (run.scale)\n"
    "  --threads N           OpenMP threads (outputs are identical for every N)\n"
    "  --set PATH=VALUE      override any setting, in libconfig syntax; may repeat\n"
    "  --check-invariants    verify conservation of workers, seats and money every month\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "checkpoints of run (docs/checkpoints.md):\n"
    "  --checkpoint-at M     save every replicate's state at the start of month M, into\n"
    "                        <out>/checkpoints/; may repeat\n"
    "  --checkpoint-every N  save it every N months\n"
    "  --resume DIR          continue the run in DIR from its latest checkpoint (no scenario\n"
    "                        needed; the outputs equal those of an uninterrupted run)\n"
    "  --from CHECKPOINT     continue a checkpointed history under SCENARIO.cfg (a fork); a\n"
    "                        run folder forks each replicate from its checkpoint at --fork-at M\n"
    "                        (default: the latest month they all have)\n"
    "\n"
    "options of compare: those of run, applied to every scenario file, and\n"
    "  -o, --out DIR         output folder (default out/compare-<base>-vs-<alt>/); scenario\n"
    "                        files run into DIR/<scenario name>/\n"
    "  --replicates R        replicates of every scenario (default %d)\n"
    "  --fork-at M           simulate months before M once, as BASE, and fork every scenario\n"
    "                        from it: for alternatives whose differences start at month M\n"
    "  --threshold IND=SIZE  the report's meaningful size of a difference in indicator IND, in\n"
    "                        the unit it shows (percentage points of a share), or IND=N%% of\n"
    "                        the base's level; may repeat (defaults in docs/report.md)\n"
    "\n"
    "options of calibrate:\n"
    "  -o, --out DIR         output folder (default out/calibration-<file name>/)\n"
    "  --threads N           OpenMP threads (outputs are identical for every N)\n"
    "  --max-evaluations N   budget of objective evaluations (overrides the file's)\n"
    "  --check               validate the calibration file and its scenario, print the plan\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "  -h, --help            this text\n"
    "  -V, --version         version and build\n"
    "\n"
    LLO_EXIT_CODES_USAGE;

void print_usage(FILE *out) { fprintf(out, usage, COMPARE_REPLICATES); }

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return LLO_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        print_usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("llosim %s (%s)\n", LLOSIM_VERSION, LLO_GIT_DESCRIBE);
        return 0;
    }
    if (!strcmp(cmd, "params")) return cmd_reference(argc, argv, 0);
    if (!strcmp(cmd, "columns")) return cmd_reference(argc, argv, 1);
    if (!strcmp(cmd, "calibrate")) return cmd_calibrate(argc, argv);
    if (!strcmp(cmd, "compare")) return cmd_compare(argc, argv);
    if (!strcmp(cmd, "summarize")) return cmd_summarize(argc, argv);
    if (!strcmp(cmd, "sweep")) return cmd_sweep(argc, argv);
    if (!strcmp(cmd, "analyze")) return cmd_analyze(argc, argv);
    if (!strcmp(cmd, "run") || !strcmp(cmd, "check")) return cmd_run(argc, argv);
    if (!strcmp(cmd, "new") || !strcmp(cmd, "init")) return cmd_new(argc, argv);
    if (!strcmp(cmd, "serve")) return cmd_serve(argc, argv);
    fprintf(stderr, "llosim: unknown command '%s'\n", cmd);
    print_usage(stderr);
    return LLO_BAD_INPUT;
}
