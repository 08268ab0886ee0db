// The practical ceilings for `make bench`: bare scans over the same files, no tiqu around them.
//   scan pcre2 PATTERNS FILE...   each pattern (one a line, as `tiqu rules export --pcre` writes them)
//                                 JIT-compiled in UTF + UCP mode and run over every byte of every file
//   scan hs PATTERNS FILE...      all patterns in one Vectorscan database, HS_FLAG_PREFILTER (what tiqu's
//                                 candidate pass does), one block-mode scan per file; \G and \K removed
// Prints the number of matches (PCRE2) or candidate ends (Vectorscan), the patterns used, and the
// seconds spent scanning (reading the files included, compiling not).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END); *n = (size_t)ftell(f); fseek(f, 0, SEEK_SET);
    char *b = malloc(*n + 1);
    if (fread(b, 1, *n, f) != *n) { perror(path); exit(1); }
    fclose(f);
    return b;
}

static int lines(const char *path, char ***out) {
    size_t n; char *b = slurp(path, &n); b[n] = 0;
    int count = 0, cap = 64; char **v = malloc(cap * sizeof *v);
    for (char *s = strtok(b, "\n"); s; s = strtok(NULL, "\n")) {
        if (count == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        v[count++] = s;
    }
    *out = v;
    return count;
}

static unsigned long long found;
static int onMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx) {
    (void)id; (void)from; (void)to; (void)flags; (void)ctx;
    found++;
    return 0;
}

static void relax(char *p) {  // \G and \K become an empty group "()", of the same length
    for (char *s = p; *s; s++) {
        if (s[0] == '\\' && s[1]) {
            if (s[1] == 'G' || s[1] == 'K') { s[0] = '('; s[1] = ')'; }
            s++;
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: scan pcre2|hs PATTERNS FILE...\n"); return 64; }
    char **pats; int np = lines(argv[2], &pats);
    int used = 0;
    double t0 = 0;
    if (strcmp(argv[1], "pcre2") == 0) {
        pcre2_code **codes = calloc(np, sizeof *codes);
        for (int i = 0; i < np; i++) {
            int e; PCRE2_SIZE off;
            codes[i] = pcre2_compile((PCRE2_SPTR)pats[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &e, &off, NULL);
            if (codes[i]) { pcre2_jit_compile(codes[i], PCRE2_JIT_COMPLETE); used++; }
        }
        pcre2_match_data *md = pcre2_match_data_create(64, NULL);
        t0 = now();
        for (int a = 3; a < argc; a++) {
            size_t n; char *b = slurp(argv[a], &n);
            for (int i = 0; i < np; i++) {
                if (!codes[i]) continue;
                size_t at = 0;
                while (at <= n && pcre2_jit_match(codes[i], (PCRE2_SPTR)b, n, at, 0, md, NULL) > 0) {
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
                    found++;
                    at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
                    while (at < n && ((unsigned char)b[at] & 0xC0) == 0x80) at++;
                }
            }
            free(b);
        }
    } else {
        unsigned *flags = malloc(np * sizeof *flags), *ids = malloc(np * sizeof *ids);
        const char **ok = malloc(np * sizeof *ok);
        for (int i = 0; i < np; i++) {
            relax(pats[i]);
            unsigned f = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_PREFILTER | HS_FLAG_MULTILINE;
            hs_database_t *one; hs_compile_error_t *err;
            if (hs_compile(pats[i], f, HS_MODE_BLOCK, NULL, &one, &err) != HS_SUCCESS) { hs_free_compile_error(err); continue; }
            hs_free_database(one);
            ok[used] = pats[i]; flags[used] = f; ids[used] = (unsigned)i; used++;
        }
        hs_database_t *db; hs_compile_error_t *err; hs_scratch_t *scratch = NULL;
        if (hs_compile_multi(ok, flags, ids, (unsigned)used, HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS) {
            fprintf(stderr, "scan: %s\n", err->message); return 1;
        }
        hs_alloc_scratch(db, &scratch);
        t0 = now();
        for (int a = 3; a < argc; a++) {
            size_t n; char *b = slurp(argv[a], &n);
            hs_scan(db, b, (unsigned)n, 0, scratch, onMatch, NULL);
            free(b);
        }
    }
    printf("%llu matches, %d of %d patterns, %.3f s scanning\n", found, used, np, now() - t0);
    return 0;
}
