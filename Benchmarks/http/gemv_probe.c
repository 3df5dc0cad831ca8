/* The floor under /similar and /recommendations on a large model: one cblas_sgemv over a
 * MOVIES x FACTORS row-major matrix (what each request computes), timed as the median of 200
 * calls, first on one thread, then with the rows cut in two halves computed at once by the
 * calling thread and a waiting worker thread (what BLAS.gemvAcrossCores does on two cores).
 * Reading the matrix (24 MB at 60k x 100) is memory-bound, so on a shared machine this moves
 * with everyone else's memory traffic.
 * Build: cc -O2 gemv_probe.c $(pkg-config --cflags --libs openblas) -lpthread -o gemv_probe
 * Usage: ./gemv_probe [MOVIES] [FACTORS]   prints "ONE_THREAD_MS TWO_HALVES_MS". */
#include <cblas.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { CALLS = 200 };
static int rows, columns;
static float *a, *x, *y;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int pending, finished;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int ascending(const void *l, const void *r) {
    double p = *(const double *)l, q = *(const double *)r;
    return (p > q) - (p < q);
}

static void rows_between(int first, int end) {
    cblas_sgemv(CblasRowMajor, CblasNoTrans, end - first, columns, 1, a + (size_t)first * columns, columns, x, 1, 0,
                y + first, 1);
}

/* The second half of every call, handed over through `pending` and reported through `finished`. */
static void *worker(void *unused) {
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (!pending) pthread_cond_wait(&changed, &lock);
        pending = 0;
        pthread_mutex_unlock(&lock);
        rows_between(rows / 2, rows);
        pthread_mutex_lock(&lock);
        finished = 1;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static double median_ms(int halves) {
    double times[CALLS];
    for (int i = 0; i < CALLS; i++) {
        double start = now();
        if (halves) {
            pthread_mutex_lock(&lock);
            pending = 1;
            finished = 0;
            pthread_cond_broadcast(&changed);
            pthread_mutex_unlock(&lock);
            rows_between(0, rows / 2);
            pthread_mutex_lock(&lock);
            while (!finished) pthread_cond_wait(&changed, &lock);
            pthread_mutex_unlock(&lock);
        } else {
            rows_between(0, rows);
        }
        times[i] = (now() - start) * 1e3;
    }
    qsort(times, CALLS, sizeof(double), ascending);
    return times[CALLS / 2];
}

int main(int argc, char **argv) {
    rows = argc > 1 ? atoi(argv[1]) : 60000;
    columns = argc > 2 ? atoi(argv[2]) : 100;
    if (rows <= 1 || columns <= 0) return 1;
    a = malloc(sizeof(float) * (size_t)rows * columns);
    x = malloc(sizeof(float) * columns);
    y = malloc(sizeof(float) * rows);
    if (!a || !x || !y) return 1;
    for (size_t i = 0; i < (size_t)rows * columns; i++) a[i] = (float)(i % 97) * 0.01f;
    for (int i = 0; i < columns; i++) x[i] = 1.0f / columns;
    openblas_set_num_threads(1);
    pthread_t thread;
    if (pthread_create(&thread, NULL, worker, NULL) != 0) return 1;
    double one = median_ms(0), halves = median_ms(1);
    printf("%.3f %.3f\n", one, halves);
    return 0;
}
