/* Tests for sim/sha256 and sim/durable: the SHA-256 known answers from FIPS 180-4 and its
 * examples, and the promises of the durable-output layer (exact bytes, no temporary left,
 * clean failures that name the path, mkdir -p semantics, the text buffer). Each filesystem
 * test gets its own folder from mkdtemp, removed afterwards. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/durable.h"
#include "sim/sha256.h"

/* The per-test temporary folder. Criterion runs each test in its own process, so this is
 * never shared between tests. */
static char tmpdir[64];

/* Gives each test a fresh, empty folder so tests cannot see each other's files. */
static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/llo-durable-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp: %s", strerror(errno));
}

/* Removes a folder tree, restoring write permission first so the not-writable test can
 * clean up after itself. */
static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d != NULL) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char child[4096];
                snprintf(child, sizeof child, "%s/%s", path, e->d_name);
                rm_rf(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Undoes make_tmpdir whatever the test left behind. */
static void remove_tmpdir(void)
{
    rm_rf(tmpdir);
}

/* tmpdir/rel, for building paths in assertions. */
static void in_tmp(char *out, size_t outlen, const char *rel)
{
    snprintf(out, outlen, "%s/%s", tmpdir, rel);
}

/* Reads a whole file so tests can compare what is on disk with what was meant to be. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    size_t cap = 1024, len = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    cr_assert(!ferror(f));
    fclose(f);
    *n = len;
    return buf;
}

/* Writes a file directly (not atomically), to set up fixtures. */
static void spit(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    cr_assert_eq(fwrite(data, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

/* Counts entries in a folder other than . and .., to prove nothing else was left there. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s: %s", dir, strerror(errno));
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

/* True if path exists at all (even as a dangling entry). */
static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Deterministic filler bytes, all 256 values, so binary-safety is exercised. */
static void fill_pattern(unsigned char *p, size_t n)
{
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (unsigned char)(x >> 16);
    }
}

/* ---- SHA-256 ---------------------------------------------------------------------------- */

/* Checks one message against its expected digest via the one-call helper. */
static void expect_hex(const char *msg, size_t n, const char *want)
{
    char hex[65];
    llo_sha256_hex(msg, n, hex);
    cr_assert_str_eq(hex, want, "length %zu", n);
}

Test(sha256, empty)
{
    expect_hex("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char hex[65];
    llo_sha256_hex(NULL, 0, hex);
    cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(sha256, abc)
{
    expect_hex("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

Test(sha256, two_blocks_448_bits)
{
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    cr_assert_eq(strlen(m), 56);
    expect_hex(m, 56, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

Test(sha256, long_896_bits)
{
    const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    cr_assert_eq(strlen(m), 112);
    expect_hex(m, 112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

Test(sha256, one_million_a)
{
    size_t n = 1000000;
    char *m = malloc(n);
    cr_assert_not_null(m);
    memset(m, 'a', n);
    expect_hex(m, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    /* The same message streamed in odd-sized pieces that straddle block boundaries. */
    llo_sha256 c;
    uint8_t d[32];
    llo_sha256_init(&c);
    size_t off = 0, k = 0;
    static const size_t sizes[] = {1, 3, 7, 13, 55, 56, 63, 64, 65, 127, 997};
    while (off < n) {
        size_t take = sizes[k++ % (sizeof sizes / sizeof sizes[0])];
        if (take > n - off)
            take = n - off;
        llo_sha256_update(&c, m + off, take);
        off += take;
    }
    llo_sha256_final(&c, d);
    static const uint8_t want[32] = {
        0xcd, 0xc7, 0x6e, 0x5c, 0x99, 0x14, 0xfb, 0x92, 0x81, 0xa1, 0xc7, 0xe2, 0x84, 0xd7, 0x3e, 0x67,
        0xf1, 0x80, 0x9a, 0x48, 0xa4, 0x97, 0x20, 0x0e, 0x04, 0x6d, 0x39, 0xcc, 0xc7, 0x11, 0x2c, 0xd0
    };
    cr_assert_arr_eq(d, want, 32);
    free(m);
}

/* Lengths around the padding boundary (55/56 bytes leave or do not leave room for the
 * length field; 64 is a whole block). Digests computed with Python's hashlib. */
Test(sha256, padding_boundaries)
{
    static const struct { size_t n; const char *hex; } v[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {57, "f13b2d724659eb3bf47f2dd6af1accc87b81f09f59f2b75e5c0bed6589dfe8c6"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    char m[128];
    memset(m, 'a', sizeof m);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        expect_hex(m, v[i].n, v[i].hex);
}

/* Every way of splitting a message into two or three updates gives the one-call digest. */
Test(sha256, split_updates_match_one_call)
{
    unsigned char m[200];
    fill_pattern(m, sizeof m);
    char whole[65];
    llo_sha256_hex(m, sizeof m, whole);

    for (size_t a = 0; a <= sizeof m; a += 1) {
        for (size_t b = a; b <= sizeof m; b += 17) {
            llo_sha256 c;
            uint8_t d[32];
            char hex[65];
            llo_sha256_init(&c);
            llo_sha256_update(&c, m, a);
            llo_sha256_update(&c, m + a, b - a);
            llo_sha256_update(&c, m + b, sizeof m - b);
            llo_sha256_final(&c, d);
            for (int i = 0; i < 32; i++)
                snprintf(hex + 2 * i, 3, "%02x", d[i]);
            cr_assert_str_eq(hex, whole, "split at %zu and %zu", a, b);
        }
    }
}

Test(sha256, file_matches_buffer, .init = make_tmpdir, .fini = remove_tmpdir)
{
    /* Larger than the 16 KiB read buffer and not a multiple of it or of 64. */
    size_t sizes[] = {0, 1, 64, 16384, 100003};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        unsigned char *m = malloc(n + 1);
        cr_assert_not_null(m);
        fill_pattern(m, n);
        char path[256], want[65], got[65], err[256];
        in_tmp(path, sizeof path, "data.bin");
        spit(path, m, n);
        llo_sha256_hex(m, n, want);
        cr_assert_eq(llo_sha256_file(path, got, err, sizeof err), 0, "%s", err);
        cr_assert_str_eq(got, want, "size %zu", n);
        free(m);
    }
}

Test(sha256, file_missing_fails_with_message, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char path[256], hex[65], err[512] = "";
    in_tmp(path, sizeof path, "no-such-file");
    cr_assert_eq(llo_sha256_file(path, hex, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, path), "message: %s", err);
    cr_assert_not_null(strstr(err, strerror(ENOENT)), "message: %s", err);
    cr_assert_str_eq(hex, "");
    /* No room for a message is allowed. */
    cr_assert_eq(llo_sha256_file(path, hex, NULL, 0), -1);
}

Test(sha256, file_is_directory_fails, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char hex[65], err[512] = "";
    cr_assert_eq(llo_sha256_file(tmpdir, hex, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, tmpdir), "message: %s", err);
}

/* ---- llo_write_atomic / llo_remove_file ------------------------------------------------- */

Test(write_atomic, writes_exact_bytes_and_no_tmp, .init = make_tmpdir, .fini = remove_tmpdir)
{
    size_t n = 300001;
    unsigned char *m = malloc(n);
    cr_assert_not_null(m);
    fill_pattern(m, n);
    char err[512] = "";
    cr_assert_eq(llo_write_atomic(tmpdir, "out.bin", m, n, err, sizeof err), 0, "%s", err);

    char path[256], tmp[256];
    in_tmp(path, sizeof path, "out.bin");
    in_tmp(tmp, sizeof tmp, ".out.bin.tmp");
    size_t got_n;
    char *got = slurp(path, &got_n);
    cr_assert_eq(got_n, n);
    cr_assert_eq(memcmp(got, m, n), 0);
    cr_assert(!exists(tmp), "temporary file left behind");
    cr_assert_eq(count_entries(tmpdir), 1);
    free(got);
    free(m);
}

Test(write_atomic, empty_file, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "", path[256];
    cr_assert_eq(llo_write_atomic(tmpdir, "empty.csv", NULL, 0, err, sizeof err), 0, "%s", err);
    in_tmp(path, sizeof path, "empty.csv");
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_size, 0);
    cr_assert_eq(count_entries(tmpdir), 1);
}

Test(write_atomic, overwrites_existing, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "", path[256];
    in_tmp(path, sizeof path, "t.csv");
    const char *longer = "a,b,c\n1,2,3\n4,5,6\n";
    spit(path, longer, strlen(longer));
    /* A leftover temporary from a crashed run must not get in the way either. */
    char stale[256];
    in_tmp(stale, sizeof stale, ".t.csv.tmp");
    spit(stale, "junk junk junk junk junk junk junk", 34);

    const char *shorter = "x\n1\n";
    cr_assert_eq(llo_write_atomic(tmpdir, "t.csv", shorter, strlen(shorter), err, sizeof err), 0,
                 "%s", err);
    size_t n;
    char *got = slurp(path, &n);
    cr_assert_eq(n, strlen(shorter));
    cr_assert_eq(memcmp(got, shorter, n), 0);
    free(got);
    cr_assert(!exists(stale));
    cr_assert_eq(count_entries(tmpdir), 1);

    /* And once more through a folder name with a trailing slash. */
    char dir_slash[256];
    snprintf(dir_slash, sizeof dir_slash, "%s/", tmpdir);
    cr_assert_eq(llo_write_atomic(dir_slash, "t.csv", longer, strlen(longer), err, sizeof err), 0,
                 "%s", err);
    got = slurp(path, &n);
    cr_assert_eq(n, strlen(longer));
    cr_assert_eq(memcmp(got, longer, n), 0);
    free(got);
}

Test(write_atomic, missing_directory_fails_cleanly, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char dir[256], want[300], err[512] = "";
    in_tmp(dir, sizeof dir, "does/not/exist");
    snprintf(want, sizeof want, "%s/out.csv", dir);
    cr_assert_eq(llo_write_atomic(dir, "out.csv", "x", 1, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, want), "message: %s", err);
    cr_assert_not_null(strstr(err, strerror(ENOENT)), "message: %s", err);
    cr_assert(!exists(want));
    cr_assert_eq(count_entries(tmpdir), 0);
    /* No room for a message is allowed. */
    cr_assert_eq(llo_write_atomic(dir, "out.csv", "x", 1, NULL, 0), -1);
}

/* Root ignores permission bits, so as root the folder is made unusable by being a regular
 * file instead; either way the write must fail without leaving anything behind. */
Test(write_atomic, unwritable_directory_fails_cleanly, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char dir[256], want[300], err[512] = "";
    if (geteuid() == 0) {
        in_tmp(dir, sizeof dir, "a-file");
        spit(dir, "not a folder", 12);
    } else {
        in_tmp(dir, sizeof dir, "read-only");
        cr_assert_eq(mkdir(dir, 0700), 0);
        cr_assert_eq(chmod(dir, 0500), 0);
    }
    snprintf(want, sizeof want, "%s/out.json", dir);
    cr_assert_eq(llo_write_atomic(dir, "out.json", "{}", 2, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, want), "message: %s", err);
    cr_assert(!exists(want));
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s/.out.json.tmp", dir);
    cr_assert(!exists(tmp));
    if (geteuid() == 0) {
        cr_assert_not_null(strstr(err, strerror(ENOTDIR)), "message: %s", err);
        cr_assert_eq(count_entries(tmpdir), 1);   /* just the file we made */
    } else {
        cr_assert_not_null(strstr(err, strerror(EACCES)), "message: %s", err);
        cr_assert_eq(count_entries(dir), 0);
    }
}

/* A failure after the temporary exists (here: rename onto a folder) must still remove it. */
Test(write_atomic, failed_rename_removes_tmp, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char target[256], err[512] = "";
    in_tmp(target, sizeof target, "out.csv");
    cr_assert_eq(mkdir(target, 0700), 0);
    char inside[300];
    snprintf(inside, sizeof inside, "%s/keep", target);
    spit(inside, "k", 1);   /* non-empty, so rename cannot replace it */
    cr_assert_eq(llo_write_atomic(tmpdir, "out.csv", "1,2\n", 4, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, target), "message: %s", err);
    cr_assert_not_null(strstr(err, "rename"), "message: %s", err);
    cr_assert_eq(count_entries(tmpdir), 1);   /* the folder, and no .out.csv.tmp */
    cr_assert(exists(inside));
}

/* A write that fails part-way (file size limit: a short write, then EFBIG) leaves the old
 * file exactly as it was and no temporary. The limit also applies to root. */
Test(write_atomic, failed_write_keeps_old_file, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char path[256], err[512] = "";
    in_tmp(path, sizeof path, "t.csv");
    const char *old = "old contents\n";
    spit(path, old, strlen(old));

    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {.rlim_cur = 1000, .rlim_max = RLIM_INFINITY};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0, "setrlimit: %s", strerror(errno));

    size_t n = 5000;
    unsigned char *m = malloc(n);
    cr_assert_not_null(m);
    fill_pattern(m, n);
    cr_assert_eq(llo_write_atomic(tmpdir, "t.csv", m, n, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, path), "message: %s", err);
    cr_assert_not_null(strstr(err, "write"), "message: %s", err);
    cr_assert_not_null(strstr(err, strerror(EFBIG)), "message: %s", err);

    size_t got_n;
    char *got = slurp(path, &got_n);
    cr_assert_eq(got_n, strlen(old));
    cr_assert_eq(memcmp(got, old, got_n), 0);
    cr_assert_eq(count_entries(tmpdir), 1);
    free(got);
    free(m);
}

/* ---- a set of files with its marker ------------------------------------------------------- */

/* Writes the three-file set (a.csv, b.csv, manifest.json) with the given contents. */
static int write_three(const char *a, const char *b, size_t b_len, const char *manifest, char *err, size_t errlen)
{
    llo_file_view v[3] = {{"a.csv", a, strlen(a)}, {"b.csv", b, b_len}, {"manifest.json", manifest, strlen(manifest)}};
    return llo_write_set(tmpdir, v, 3, err, errlen);
}

static void expect_content(const char *rel, const char *want)
{
    char path[256];
    in_tmp(path, sizeof path, rel);
    size_t n;
    char *got = slurp(path, &n);
    cr_assert_eq(n, strlen(want), "%s: %zu bytes, expected %zu", rel, n, strlen(want));
    cr_assert_eq(memcmp(got, want, n), 0, "%s differs", rel);
    free(got);
}

Test(write_set, replaces_every_file_and_the_marker, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "";
    cr_assert_eq(write_three("a1\n", "b1\n", 3, "m1\n", err, sizeof err), 0, "%s", err);
    cr_assert_eq(write_three("a2\n", "b2\n", 3, "m2\n", err, sizeof err), 0, "%s", err);
    expect_content("a.csv", "a2\n");
    expect_content("b.csv", "b2\n");
    expect_content("manifest.json", "m2\n");
    cr_assert_eq(count_entries(tmpdir), 3, "temporaries left behind");
}

/* The promise of issue 15: a rerun that fails for lack of space (here a file-size limit, which
 * fails the write the same way) leaves the earlier complete set exactly as it was, marker and
 * all, and no temporaries. */
Test(write_set, failed_write_keeps_the_earlier_set_whole, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "";
    cr_assert_eq(write_three("a1\n", "b1\n", 3, "m1\n", err, sizeof err), 0, "%s", err);

    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {.rlim_cur = 1000, .rlim_max = RLIM_INFINITY};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0, "setrlimit: %s", strerror(errno));
    size_t n = 5000;
    unsigned char *big = malloc(n);
    cr_assert_not_null(big);
    fill_pattern(big, n);
    cr_assert_eq(write_three("a2\n", (const char *)big, n, "m2\n", err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "b.csv"), "message: %s", err);
    cr_assert_not_null(strstr(err, strerror(EFBIG)), "message: %s", err);
    expect_content("a.csv", "a1\n");
    expect_content("b.csv", "b1\n");
    expect_content("manifest.json", "m1\n");
    cr_assert_eq(count_entries(tmpdir), 3, "temporaries left behind");
    free(big);
}

/* A set may hold files one subfolder deep (a report's plots/): they are staged beside their
 * place and swapped in with the rest, and a failed rerun leaves them as they were too. */
Test(write_set, files_in_a_subfolder_swap_with_the_set, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "";
    llo_file_view v[3] = {{"table.csv", "t1\n", 3}, {"plots/p.svg", "p1\n", 3}, {"manifest.json", "m1\n", 3}};
    cr_assert_eq(llo_write_set(tmpdir, v, 3, err, sizeof err), 0, "%s", err);
    expect_content("plots/p.svg", "p1\n");
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {.rlim_cur = 1000, .rlim_max = RLIM_INFINITY};
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &rl), 0, "setrlimit: %s", strerror(errno));
    size_t n = 5000;
    unsigned char *big = malloc(n);
    cr_assert_not_null(big);
    fill_pattern(big, n);
    llo_file_view w[3] = {{"table.csv", "t2\n", 3}, {"plots/p.svg", (const char *)big, n}, {"manifest.json", "m2\n", 3}};
    cr_assert_eq(llo_write_set(tmpdir, w, 3, err, sizeof err), -1);
    expect_content("table.csv", "t1\n");
    expect_content("plots/p.svg", "p1\n");
    expect_content("manifest.json", "m1\n");
    char plots[256];
    in_tmp(plots, sizeof plots, "plots");
    cr_assert_eq(count_entries(plots), 1, "temporaries left behind in plots/");
    free(big);
    llo_file_view deep[2] = {{"a/b/c.csv", "x", 1}, {"manifest.json", "m", 1}};
    cr_assert_eq(llo_write_set(tmpdir, deep, 2, err, sizeof err), -1, "two folders deep is refused");
}

Test(write_set, bad_name_writes_nothing, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "";
    llo_file_view v[2] = {{"ok.csv", "x", 1}, {"../manifest.json", "m", 1}};
    cr_assert_eq(llo_write_set(tmpdir, v, 2, err, sizeof err), -1);
    cr_assert_eq(count_entries(tmpdir), 0, "a file was left behind");
}

Test(write_atomic, rejects_names_with_slashes, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "";
    cr_assert_eq(llo_write_atomic(tmpdir, "sub/out.csv", "x", 1, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, "sub/out.csv"), "message: %s", err);
    cr_assert_eq(llo_write_atomic(tmpdir, "", "x", 1, err, sizeof err), -1);
    cr_assert_eq(llo_write_atomic(tmpdir, "..", "x", 1, err, sizeof err), -1);
    cr_assert_eq(llo_write_atomic(tmpdir, "ok", NULL, 1, err, sizeof err), -1);
    cr_assert_eq(count_entries(tmpdir), 0);
}

Test(remove_file, removes_and_tolerates_missing, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "", path[256];
    cr_assert_eq(llo_write_atomic(tmpdir, "gone.csv", "1\n", 2, err, sizeof err), 0, "%s", err);
    in_tmp(path, sizeof path, "gone.csv");
    cr_assert(exists(path));
    cr_assert_eq(llo_remove_file(tmpdir, "gone.csv", err, sizeof err), 0, "%s", err);
    cr_assert(!exists(path));
    cr_assert_eq(llo_remove_file(tmpdir, "gone.csv", err, sizeof err), 0, "%s", err);
    char missing[256];
    in_tmp(missing, sizeof missing, "no-such-dir");
    cr_assert_eq(llo_remove_file(missing, "x", err, sizeof err), 0, "%s", err);
}

Test(remove_file, directory_is_an_error, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "", sub[256];
    in_tmp(sub, sizeof sub, "sub");
    cr_assert_eq(mkdir(sub, 0700), 0);
    cr_assert_eq(llo_remove_file(tmpdir, "sub", err, sizeof err), -1);
    cr_assert_not_null(strstr(err, sub), "message: %s", err);
    cr_assert(exists(sub));
}

/* ---- llo_mkdir_p ------------------------------------------------------------------------ */

Test(mkdir_p, creates_nested_and_is_idempotent, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char path[256], err[512] = "";
    in_tmp(path, sizeof path, "a/b//c/d/");
    cr_assert_eq(llo_mkdir_p(path, err, sizeof err), 0, "%s", err);
    char deep[256];
    in_tmp(deep, sizeof deep, "a/b/c/d");
    struct stat st;
    cr_assert_eq(stat(deep, &st), 0);
    cr_assert(S_ISDIR(st.st_mode));
    cr_assert_eq(llo_mkdir_p(path, err, sizeof err), 0, "%s", err);
    cr_assert_eq(llo_mkdir_p(tmpdir, err, sizeof err), 0, "%s", err);
    cr_assert_eq(llo_mkdir_p("/", err, sizeof err), 0, "%s", err);

    /* Usable right away for an atomic write. */
    cr_assert_eq(llo_write_atomic(deep, "f.txt", "hi", 2, err, sizeof err), 0, "%s", err);
}

Test(mkdir_p, respects_umask, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char path[256], err[512] = "";
    in_tmp(path, sizeof path, "masked/inner");
    mode_t old = umask(027);
    int rc = llo_mkdir_p(path, err, sizeof err);
    umask(old);
    cr_assert_eq(rc, 0, "%s", err);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0750);
}

Test(mkdir_p, relative_path, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char err[512] = "", cwd[4096];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(tmpdir), 0);
    int rc = llo_mkdir_p("x/y", err, sizeof err);
    struct stat st;
    int ok = stat("x/y", &st) == 0 && S_ISDIR(st.st_mode);
    cr_assert_eq(chdir(cwd), 0);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert(ok);
}

Test(mkdir_p, component_is_a_file, .init = make_tmpdir, .fini = remove_tmpdir)
{
    char file[256], path[256], err[512] = "";
    in_tmp(file, sizeof file, "plain");
    spit(file, "x", 1);
    in_tmp(path, sizeof path, "plain/sub/dir");
    cr_assert_eq(llo_mkdir_p(path, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, path), "message: %s", err);
    cr_assert_not_null(strstr(err, "not a directory"), "message: %s", err);

    /* The target itself being a file is just as wrong. */
    err[0] = '\0';
    cr_assert_eq(llo_mkdir_p(file, err, sizeof err), -1);
    cr_assert_not_null(strstr(err, file), "message: %s", err);
    cr_assert_eq(count_entries(tmpdir), 1);
}

Test(mkdir_p, empty_path_fails)
{
    char err[512] = "";
    cr_assert_eq(llo_mkdir_p("", err, sizeof err), -1);
    cr_assert_neq(err[0], '\0');
}

/* ---- llo_buf ---------------------------------------------------------------------------- */

Test(buf, append_keeps_nul_and_binary)
{
    llo_buf b;
    llo_buf_init(&b);
    cr_assert_null(b.data);
    llo_buf_append(&b, "ab\0cd", 5);
    llo_buf_append(&b, "", 0);
    cr_assert_eq(b.len, 5);
    cr_assert_eq(memcmp(b.data, "ab\0cd", 6), 0);   /* including the terminating NUL */
    cr_assert_eq(b.failed, 0);
    llo_buf_free(&b);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    llo_buf_free(&b);   /* harmless twice */
}

Test(buf, printf_small_and_large)
{
    llo_buf b;
    llo_buf_init(&b);
    llo_buf_printf(&b, "%s,%d,%.3f\n", "month", 7, 0.125);
    cr_assert_str_eq(b.data, "month,7,0.125\n");

    /* One call producing more than 1 MiB. */
    size_t big = (size_t)3 << 19;   /* 1.5 MiB */
    char *s = malloc(big + 1);
    cr_assert_not_null(s);
    for (size_t i = 0; i < big; i++)
        s[i] = (char)('a' + i % 26);
    s[big] = '\0';
    size_t before = b.len;
    llo_buf_printf(&b, "[%s]", s);
    cr_assert_eq(b.failed, 0);
    cr_assert_eq(b.len, before + big + 2);
    cr_assert_eq(b.data[before], '[');
    cr_assert_eq(memcmp(b.data + before + 1, s, big), 0);
    cr_assert_eq(b.data[b.len - 1], ']');
    cr_assert_eq(b.data[b.len], '\0');

    /* Many small calls adding up to more than 1 MiB, e.g. a long CSV. */
    llo_buf csv;
    llo_buf_init(&csv);
    for (int i = 0; i < 100000; i++)
        llo_buf_printf(&csv, "%d,%d,%.6f\n", i, i % 12, i / 7.0);
    cr_assert_eq(csv.failed, 0);
    cr_assert_gt(csv.len, (size_t)1 << 20);
    cr_assert_eq(strlen(csv.data), csv.len);
    char last[64];
    int k = snprintf(last, sizeof last, "%d,%d,%.6f\n", 99999, 99999 % 12, 99999 / 7.0);
    cr_assert_eq(memcmp(csv.data + csv.len - (size_t)k, last, (size_t)k), 0);

    free(s);
    llo_buf_free(&csv);
    llo_buf_free(&b);
}

/* A width larger than 1 MiB in one conversion, which the first (too small) pass truncates. */
Test(buf, printf_wide_field)
{
    llo_buf b;
    llo_buf_init(&b);
    llo_buf_append(&b, "x", 1);
    llo_buf_printf(&b, "%*d", 2000000, 42);
    cr_assert_eq(b.failed, 0);
    cr_assert_eq(b.len, 2000001);
    cr_assert_eq(b.data[1], ' ');
    cr_assert_eq(memcmp(b.data + b.len - 2, "42", 3), 0);
    llo_buf_free(&b);
}

Test(buf, json_string_escaping)
{
    llo_buf b;
    llo_buf_init(&b);
    llo_buf_json_string(&b, "plain");
    llo_buf_append(&b, ",", 1);
    llo_buf_json_string(&b, "");
    llo_buf_append(&b, ",", 1);
    llo_buf_json_string(&b, "q\"b\\s/\n\t\r\x01\x1f\x7f caf\xc3\xa9");
    llo_buf_append(&b, ",", 1);
    llo_buf_json_string(&b, NULL);
    cr_assert_str_eq(b.data,
        "\"plain\",\"\",\"q\\\"b\\\\s/\\u000a\\u0009\\u000d\\u0001\\u001f\x7f caf\xc3\xa9\",null");
    cr_assert_eq(b.failed, 0);
    llo_buf_free(&b);
}

/* The intended use: build in memory, check failed, write atomically, fingerprint. */
Test(buf, build_write_and_hash, .init = make_tmpdir, .fini = remove_tmpdir)
{
    llo_buf b;
    llo_buf_init(&b);
    llo_buf_append(&b, "{\"name\":", 8);
    llo_buf_json_string(&b, "base\"line");
    llo_buf_printf(&b, ",\"months\":%d}\n", 120);
    cr_assert_eq(b.failed, 0);
    char err[512] = "", path[256], want[65], got[65];
    cr_assert_eq(llo_write_atomic(tmpdir, "manifest.json", b.data, b.len, err, sizeof err), 0,
                 "%s", err);
    in_tmp(path, sizeof path, "manifest.json");
    llo_sha256_hex(b.data, b.len, want);
    cr_assert_eq(llo_sha256_file(path, got, err, sizeof err), 0, "%s", err);
    cr_assert_str_eq(got, want);
    size_t n;
    char *text = slurp(path, &n);
    cr_assert_eq(n, b.len);
    cr_assert_eq(memcmp(text, "{\"name\":\"base\\\"line\",\"months\":120}\n", n), 0);
    free(text);
    llo_buf_free(&b);
}
