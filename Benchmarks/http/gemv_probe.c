/* The floor under /similar and /recommendations on a large model: one single-threaded
 * cblas_sgemv over a MOVIES x FACTORS row-major matrix (what each request computes), timed
 * as the median of 200 calls. Reading the matrix (24 MB at 60k x 100) is memory-bound, so
 * on a shared machine this moves with everyone else's memory traffic.
 * Build: cc -O2 gemv_probe.c $(pkg-config --cflags --libs openblas) -o gemv_probe
 * Usage: ./gemv_probe [MOVIES] [FACTORS]   prints the median milliseconds per call. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int rows = argc > 1 ? atoi(argv[1]) : 60000, columns = argc > 2 ? atoi(argv[2]) : 100;
    float *a = malloc(sizeof(float) * (size_t)rows * columns), *x = malloc(sizeof(float) * columns),
          *y = malloc(sizeof(float) * rows);
    if (!a || !x || !y || rows <= 0 || columns <= 0) return 1;
    for (size_t i = 0; i < (size_t)rows * columns; i++) a[i] = (float)(i % 97) * 0.01f;
    for (int i = 0; i < columns; i++) x[i] = 1.0f / columns;
    openblas_set_num_threads(1);
    enum { CALLS = 200 };
    double times[CALLS];
    for (int i = 0; i < CALLS; i++) {
        double start = now();
        cblas_sgemv(CblasRowMajor, CblasNoTrans, rows, columns, 1, a, columns, x, 1, 0, y, 1);
        times[i] = (now() - start) * 1e3;
    }
    qsort(times, CALLS, sizeof(double), ascending);
    printf("%.3f\n", times[CALLS / 2]);
    return 0;
}
