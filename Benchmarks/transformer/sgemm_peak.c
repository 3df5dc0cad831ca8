/* The machine's FP32 matrix-multiply ceiling through OpenBLAS: a 2048³ sgemm, nine runs,
 * best and median GFLOP/s. It bounds what any exact FP32 forward pass can reach here.
 *   cc -O2 Benchmarks/transformer/sgemm_peak.c $(pkg-config --cflags --libs openblas) -o /tmp/sgemm_peak
 *   OPENBLAS_NUM_THREADS=1 /tmp/sgemm_peak; OPENBLAS_NUM_THREADS=2 /tmp/sgemm_peak */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void) {
    const int n = 2048, runs = 9;
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    if (!a || !b || !c) return 1;
    for (long i = 0; i < (long)n * n; i++) { a[i] = 1e-3f * (i % 7); b[i] = 1e-3f * (i % 5); }
    double ns[9];
    for (int r = 0; r < runs; r++) {
        double start = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
        ns[r] = now() - start;
    }
    qsort(ns, runs, sizeof(double), ascending);
    double flop = 2.0 * n * n * n;
    printf("sgemm %d^3: best %.1f GFLOP/s, median %.1f GFLOP/s\n", n, flop / ns[0], flop / ns[runs / 2]);
    free(a); free(b); free(c);
    return 0;
}
