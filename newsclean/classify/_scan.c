/* One pass over a batch of pages for the line features (newsclean.classify.chars.scan_text), and the
 * loops over rows that the features and the context and boundary passes use: the vocabulary phrase that
 * opens each row, the stop words per page and language and per row, how often a row's signature repeats,
 * window means, each page's best-scoring run of rows and its most likely article span (phrase_lookup,
 * language_counts, row_stopwords, equal_counts, window_means, best_run and article_span below).
 *
 * Optional: when this module is not built, the Python function each loop names computes the same with
 * numpy (tests compare the two). The scan reads the code points of a str without encoding it and fills
 * buffers the caller allocated: code points, flags, line starts and ends, the lines with a visible
 * character, the first and last of them, six character-class counts and the sentence ends of each such
 * line, the bounds and keys of every word token, its stop-word bit set (looked up in the caller's key table)
 * and, per such line, its first token and token count, how many of its tokens open with a capital, their
 * characters, how many look like part of a date, how many are credit words, how many of its first three
 * tokens a colon follows and the sum of its token keys (chars.row_tokens computes the same with numpy).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { ALPHA = 1, DIGIT = 2, UPPER = 4, SPACE = 8, END = 16, PUNCT = 32, CJK = 64, LINK_SEPARATOR = 128 };
static const uint8_t COUNTED[6] = {ALPHA, DIGIT, PUNCT, UPPER, CJK, LINK_SEPARATOR};

/* The outputs of one scan (see scan() for what each holds). */
typedef struct {
    const uint64_t *slots; /* the key in each slot, 0 for none */
    const uint16_t *values; /* per slot (the stop-word table only) */
    uint64_t multiplier;
    unsigned shift;
} KeyTable;

/* A key's slot (newsclean.classify.keytable.KeyTable._slot). */
static inline uint64_t slot_of(const KeyTable *t, uint64_t key) { return (key * t->multiplier) >> t->shift; }

/* The per-row token sums, in the order of chars.RowTokens. */
enum { ROW_FIRST, ROW_COUNT, ROW_TITLE, ROW_CHARS, ROW_DATES, ROW_CREDITS, ROW_LABEL_COLONS, ROW_KEY_SUM, N_ROW_SUMS };

typedef struct {
    const uint8_t *ftab;
    const uint64_t *ktab;
    KeyTable stop, month, credit;
    uint32_t *cp;
    uint8_t *flags;
    int64_t *starts, *ends, *rows, *first, *last, *counts, *sentence_ends, *t_start, *t_end, *row_sums;
    uint64_t *keys;
    uint16_t *stop_bits;
    Py_ssize_t max_rows, n_lines, n_rows, n_tokens;
} Scan;

/* Per flag byte, 1 in the 10-bit field of each class of COUNTED it has: the six counts of a line are
   summed in one 64-bit word, flushed before a field can reach 1024. */
static uint64_t INCREMENTS[256];

static void init_increments(void) {
    for (int f = 0; f < 256; f++) {
        uint64_t inc = 0;
        for (int k = 0; k < 6; k++)
            if (f & COUNTED[k])
                inc |= (uint64_t)1 << (10 * k);
        INCREMENTS[f] = inc;
    }
}

#define FLUSH(packed, cnt)                                                                                   \
    do {                                                                                                     \
        for (int k_ = 0; k_ < 6; k_++)                                                                       \
            (cnt)[k_] += (int64_t)(((packed) >> (10 * k_)) & 1023);                                          \
        (packed) = 0;                                                                                        \
    } while (0)

/* The loop, once per storage kind of the str, so that each reads its characters directly. */
#define SCAN_LOOP(NAME, CHAR_T)                                                                              \
    static void NAME(const CHAR_T *data, Py_ssize_t n, Scan *s) {                                            \
        Py_ssize_t line_start = 0, vis_first = -1, vis_last = -1, tok = -1, since_flush = 0;                 \
        int64_t cnt[6] = {0, 0, 0, 0, 0, 0}, ends_here = 0;                                                  \
        uint64_t packed = 0, key_sum = 0;                                                                    \
        int pending_end = 0; /* the previous character is a sentence end if this one is a gap */             \
        int64_t line_sums[N_ROW_SUMS] = {0}, token_sums[N_ROW_SUMS] = {0};                                   \
        Py_ssize_t line_first_token = 0;                                                                     \
        for (Py_ssize_t i = 0; i <= n; i++) {                                                                \
            const Py_UCS4 c = i < n ? (Py_UCS4)data[i] : 10;                                                 \
            const uint8_t f = i < n ? (c <= 0xFFFF ? s->ftab[c] : ALPHA) : 0;                                \
            if (i < n) {                                                                                     \
                s->cp[i] = (uint32_t)c;                                                                      \
                s->flags[i] = f;                                                                             \
            }                                                                                                \
            if (pending_end && (c == 10 || (f & SPACE)))                                                     \
                ends_here++;                                                                                 \
            pending_end = 0;                                                                                 \
            if (f & (ALPHA | DIGIT)) {                                                                       \
                if (tok < 0)                                                                                 \
                    tok = i;                                                                                 \
            } else if (tok >= 0) { /* a token ends before i */                                               \
                const Py_ssize_t len = i - tok;                                                              \
                uint64_t key = (uint64_t)(len < 15 ? len : 15);                                              \
                key = (key << 14) | s->ktab[(uint16_t)s->cp[tok]];                                           \
                key = (key << 14) | (len > 1 ? s->ktab[(uint16_t)s->cp[tok + 1]] : 0);                       \
                key = (key << 14) | (len > 2 ? s->ktab[(uint16_t)s->cp[tok + 2]] : 0);                       \
                key = (key << 14) | (len > 3 ? s->ktab[(uint16_t)s->cp[i - 1]] : 0);                         \
                s->t_start[s->n_tokens] = tok;                                                               \
                s->t_end[s->n_tokens] = i;                                                                   \
                s->keys[s->n_tokens] = key;                                                                  \
                const uint64_t stop_ = slot_of(&s->stop, key);                                               \
                s->stop_bits[s->n_tokens++] = s->stop.slots[stop_] == key ? s->stop.values[stop_] : 0;       \
                int date_ = s->month.slots[slot_of(&s->month, key)] == key;                                  \
                if (!date_ && (s->flags[tok] & DIGIT) && (s->flags[i - 1] & DIGIT)) {                        \
                    /* a year (19xx, 20xx) or the hour of hh:mm; in uint32, as the numpy path */             \
                    const uint32_t second_ = s->cp[tok + 1 < n ? tok + 1 : n - 1];                           \
                    const uint32_t two_ = (s->cp[tok] - 48u) * 10u + (second_ - 48u);                        \
                    date_ = (len == 4 && (two_ == 19 || two_ == 20)) || (len <= 2 && i < n && c == 58);      \
                }                                                                                            \
                token_sums[ROW_TITLE] = (s->flags[tok] & UPPER) != 0;                                        \
                token_sums[ROW_CHARS] = len;                                                                 \
                token_sums[ROW_DATES] = date_;                                                               \
                token_sums[ROW_CREDITS] = s->credit.slots[slot_of(&s->credit, key)] == key;                  \
                /* one of the line's first three tokens, followed by a colon */                              \
                token_sums[ROW_LABEL_COLONS] = s->n_tokens - line_first_token <= 3 && i < n && c == 58;      \
                key_sum += key; /* wraps */                                                                  \
                for (int k = ROW_TITLE; k < ROW_KEY_SUM; k++)                                                \
                    line_sums[k] += token_sums[k];                                                           \
                tok = -1;                                                                                    \
            }                                                                                                \
            if (c == 10) { /* the end of a line (or of the text) */                                          \
                if (vis_first >= 0) {                                                                        \
                    FLUSH(packed, cnt);                                                                      \
                    s->rows[s->n_rows] = s->n_lines;                                                         \
                    s->first[s->n_rows] = vis_first;                                                         \
                    s->last[s->n_rows] = vis_last;                                                           \
                    for (int k = 0; k < 6; k++)                                                              \
                        s->counts[k * s->max_rows + s->n_rows] = cnt[k];                                     \
                    s->sentence_ends[s->n_rows] = ends_here;                                                 \
                    line_sums[ROW_FIRST] = line_first_token;                                                 \
                    line_sums[ROW_COUNT] = s->n_tokens - line_first_token;                                   \
                    line_sums[ROW_KEY_SUM] = (int64_t)key_sum;                                               \
                    for (int k = 0; k < N_ROW_SUMS; k++)                                                     \
                        s->row_sums[k * s->max_rows + s->n_rows] = line_sums[k];                             \
                    s->n_rows++;                                                                             \
                }                                                                                            \
                for (int k = 0; k < N_ROW_SUMS; k++)                                                         \
                    line_sums[k] = 0;                                                                        \
                line_first_token = s->n_tokens;                                                              \
                key_sum = 0;                                                                                 \
                s->starts[s->n_lines] = line_start;                                                          \
                s->ends[s->n_lines++] = i;                                                                   \
                line_start = i + 1;                                                                          \
                vis_first = vis_last = -1;                                                                   \
                for (int k = 0; k < 6; k++)                                                                  \
                    cnt[k] = 0;                                                                              \
                packed = 0;                                                                                  \
                since_flush = 0;                                                                             \
                ends_here = 0;                                                                               \
                continue;                                                                                    \
            }                                                                                                \
            packed += INCREMENTS[f]; /* a space counts in no class */                                        \
            if (++since_flush == 1023) {                                                                     \
                FLUSH(packed, cnt);                                                                          \
                since_flush = 0;                                                                             \
            }                                                                                                \
            if (!(f & SPACE)) {                                                                              \
                if (vis_first < 0)                                                                           \
                    vis_first = i;                                                                           \
                vis_last = i;                                                                                \
                if (f & END) {                                                                               \
                    if (c >= 0x3000)                                                                         \
                        ends_here++;                                                                         \
                    else                                                                                     \
                        pending_end = 1;                                                                     \
                }                                                                                            \
            }                                                                                                \
        }                                                                                                    \
    }

SCAN_LOOP(scan_ucs1, Py_UCS1)
SCAN_LOOP(scan_ucs2, Py_UCS2)
SCAN_LOOP(scan_ucs4, Py_UCS4)

#define N_BUFS 20

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_buffer bufs[N_BUFS];
    unsigned long long mult[3];
    unsigned int shift[3];
    /* flag table (uint8 x 65536), key table (uint64 x 65536), the stop-word table's slots (uint64) and values
       (uint16), the month and the credit tables' slots (uint64), then the outputs: cp (uint32), flags (uint8),
       starts, ends, rows, first, last (int64), counts (int64, 6 x max rows), sentence ends (int64), token
       starts, token ends (int64), keys (uint64), stop-word bit sets (uint16), the row token sums (int64,
       N_ROW_SUMS x max rows); then the three tables' multipliers and shifts */
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*y*y*w*w*w*w*w*w*w*w*w*w*w*w*w*w*KIKIKI", &text, &bufs[0], &bufs[1],
                          &bufs[2], &bufs[3], &bufs[4], &bufs[5], &bufs[6], &bufs[7], &bufs[8], &bufs[9], &bufs[10],
                          &bufs[11], &bufs[12], &bufs[13], &bufs[14], &bufs[15], &bufs[16], &bufs[17], &bufs[18],
                          &bufs[19], &mult[0], &shift[0], &mult[1], &shift[1], &mult[2], &shift[2]))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        for (int b = 0; b < N_BUFS; b++)
            PyBuffer_Release(&bufs[b]);
        return NULL;
    }
#endif
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Scan s = {bufs[0].buf,
              bufs[1].buf,
              {bufs[2].buf, bufs[3].buf, mult[0], shift[0]},
              {bufs[4].buf, NULL, mult[1], shift[1]},
              {bufs[5].buf, NULL, mult[2], shift[2]},
              bufs[6].buf,
              bufs[7].buf,
              bufs[8].buf,
              bufs[9].buf,
              bufs[10].buf,
              bufs[11].buf,
              bufs[12].buf,
              bufs[13].buf,
              bufs[14].buf,
              bufs[15].buf,
              bufs[16].buf,
              bufs[19].buf,
              bufs[17].buf,
              bufs[18].buf,
              bufs[14].len / (Py_ssize_t)sizeof(int64_t),
              0,
              0,
              0};
    const Py_ssize_t line_bytes = (n + 1) * (Py_ssize_t)sizeof(int64_t);
    const Py_ssize_t token_bytes = (n / 2 + 1) * (Py_ssize_t)sizeof(int64_t);
    int ok = bufs[0].len >= 65536 && bufs[1].len >= 65536 * (Py_ssize_t)sizeof(uint64_t) &&
             bufs[6].len >= n * (Py_ssize_t)sizeof(uint32_t) && bufs[7].len >= n && bufs[8].len >= line_bytes &&
             bufs[9].len >= line_bytes && bufs[10].len >= line_bytes && bufs[11].len >= line_bytes &&
             bufs[12].len >= line_bytes && s.max_rows >= n + 1 &&
             bufs[13].len >= 6 * s.max_rows * (Py_ssize_t)sizeof(int64_t) && bufs[15].len >= token_bytes &&
             bufs[16].len >= token_bytes && bufs[17].len >= token_bytes &&
             bufs[18].len >= (n / 2 + 1) * (Py_ssize_t)sizeof(uint16_t) &&
             bufs[19].len >= N_ROW_SUMS * s.max_rows * (Py_ssize_t)sizeof(int64_t);
    /* Every slot a key can map to is in its table: 2**(64 - shift) slots (and as many stop-word values). */
    const Py_buffer *slots[3] = {&bufs[2], &bufs[4], &bufs[5]};
    for (int t = 0; t < 3; t++)
        ok = ok && shift[t] >= 8 && shift[t] <= 63 &&
             slots[t]->len >= ((Py_ssize_t)1 << (64 - shift[t])) * (Py_ssize_t)sizeof(uint64_t);
    ok = ok && bufs[3].len >= (bufs[2].len / (Py_ssize_t)sizeof(uint64_t)) * (Py_ssize_t)sizeof(uint16_t);
    if (ok) {
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            scan_ucs1(PyUnicode_1BYTE_DATA(text), n, &s);
            break;
        case PyUnicode_2BYTE_KIND:
            scan_ucs2(PyUnicode_2BYTE_DATA(text), n, &s);
            break;
        default:
            scan_ucs4(PyUnicode_4BYTE_DATA(text), n, &s);
        }
    }
    for (int b = 0; b < N_BUFS; b++)
        PyBuffer_Release(&bufs[b]);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "scan: a table or an output buffer is too small");
        return NULL;
    }
    return Py_BuildValue("nnn", s.n_lines, s.n_rows, s.n_tokens);
}

/* Means over windows of rows within their page (newsclean.classify.segments): for each column of ``values``
   (columns x rows, float64) and each row i, the mean of the column over the rows from max(i - before,
   start[i]) to min(i + after, end[i]) (exclusive), row i left out when ``leave_out``, 0 where no row is
   left. The sums are differences of one running sum per column, computed and subtracted in the order numpy's
   cumsum and the numpy paths use, so every mean is the same double. */
static PyObject *window_means(PyObject *self, PyObject *args) {
    Py_buffer values, start, end, out;
    Py_ssize_t before, after;
    int leave_out;
    if (!PyArg_ParseTuple(args, "y*y*y*nnpw*", &values, &start, &end, &before, &after, &leave_out, &out))
        return NULL;
    const Py_ssize_t n = start.len / (Py_ssize_t)sizeof(int64_t);
    const Py_ssize_t n_cols = n ? values.len / (n * (Py_ssize_t)sizeof(double)) : 0;
    double *csum = PyMem_Malloc((n + 1) * sizeof(double));
    const int64_t *lo_bound = start.buf, *hi_bound = end.buf;
    int ok = before >= 0 && after >= 0 && end.len == start.len &&
             values.len == n_cols * n * (Py_ssize_t)sizeof(double) && out.len == values.len && csum != NULL;
    if (ok) {
        /* A whole window's row count; when it is a power of two, dividing by it and multiplying by its inverse
           give the same double, and the multiplication is several times faster. The rows of a page are
           start[i] .. end[i] - 1 for each of its rows i (newsclean.classify.segments.Segments). */
        const Py_ssize_t whole = before + after - leave_out;
        const int whole_is_power_of_two = whole > 0 && (whole & (whole - 1)) == 0;
        const double whole_inverse = whole > 0 ? 1.0 / (double)whole : 0.0;
        for (Py_ssize_t col = 0; ok && col < n_cols; col++) {
            const double *v = (const double *)values.buf + col * n;
            double *mean = (double *)out.buf + col * n;
            csum[0] = 0.0;
            csum[1] = v[0]; /* numpy's cumsum starts with the first value itself */
            for (Py_ssize_t i = 1; i < n; i++)
                csum[i + 1] = csum[i] + v[i];
            for (Py_ssize_t first = 0; ok && first < n;) { /* page by page: its rows are first .. stop - 1 */
                const Py_ssize_t stop = (Py_ssize_t)hi_bound[first];
                ok = first < stop && stop <= n;
                if (!ok)
                    break;
                /* the rows whose window the page does not cut: a plain loop the compiler vectorises */
                const Py_ssize_t inner_first = first + before < stop ? first + before : stop;
                Py_ssize_t inner_stop = stop - after + 1 < stop ? stop - after + 1 : stop;
                if (inner_stop < inner_first)
                    inner_stop = inner_first;
                if (leave_out && whole_is_power_of_two)
                    for (Py_ssize_t i = inner_first; i < inner_stop; i++)
                        mean[i] = ((csum[i + after] - csum[i - before]) - v[i]) * whole_inverse;
                else if (leave_out)
                    for (Py_ssize_t i = inner_first; i < inner_stop; i++)
                        mean[i] = ((csum[i + after] - csum[i - before]) - v[i]) / (double)whole;
                else if (whole_is_power_of_two)
                    for (Py_ssize_t i = inner_first; i < inner_stop; i++)
                        mean[i] = (csum[i + after] - csum[i - before]) * whole_inverse;
                else
                    for (Py_ssize_t i = inner_first; i < inner_stop; i++)
                        mean[i] = (csum[i + after] - csum[i - before]) / (double)whole;
                for (Py_ssize_t i = first; i < stop; i++) { /* the others */
                    if (i == inner_first && inner_stop > inner_first)
                        i = inner_stop;
                    if (i >= stop)
                        break;
                    ok = 0 <= lo_bound[i] && lo_bound[i] <= i && i < hi_bound[i] && hi_bound[i] <= n;
                    if (!ok)
                        break;
                    const Py_ssize_t lo = i - before > lo_bound[i] ? i - before : (Py_ssize_t)lo_bound[i];
                    const Py_ssize_t hi = i + after < hi_bound[i] ? i + after : (Py_ssize_t)hi_bound[i];
                    const Py_ssize_t count = hi - lo - leave_out;
                    const double total = leave_out ? (csum[hi] - csum[lo]) - v[i] : csum[hi] - csum[lo];
                    mean[i] = count > 0 ? total / (double)count : 0.0;
                }
                first = stop;
            }
        }
    }
    PyMem_Free(csum);
    PyBuffer_Release(&values);
    PyBuffer_Release(&start);
    PyBuffer_Release(&end);
    PyBuffer_Release(&out);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "window_means: buffers of different lengths or rows outside their pages");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Each page's run of rows with the largest sum of ``gain`` (newsclean.classify.segments.Segments.best_run),
   row by row as the numpy path finds it: the best run ending at row i starts at the latest row where the
   page's prefix sums (shifted down by ``big`` per page, as there) reach a new minimum; the page's run is the
   first that reaches the page's largest sum, or an empty run at the page start when that sum is not
   positive. Per row, its page's run start and end (exclusive) go to ``run_start`` and ``run_end``. */
static PyObject *best_run(PyObject *self, PyObject *args) {
    Py_buffer gain, page, run_start, run_end;
    double big;
    if (!PyArg_ParseTuple(args, "y*y*dw*w*", &gain, &page, &big, &run_start, &run_end))
        return NULL;
    const Py_ssize_t n = gain.len / (Py_ssize_t)sizeof(double);
    const Py_ssize_t bytes = n * (Py_ssize_t)sizeof(int64_t);
    double *csum = PyMem_Malloc((n + 1) * sizeof(double)), *value = PyMem_Malloc((n + 1) * sizeof(double));
    int64_t *low = PyMem_Malloc((n + 1) * sizeof(int64_t));
    const int ok = page.len == bytes && run_start.len == bytes && run_end.len == bytes && csum && value && low;
    if (ok && n) {
        const double *g = gain.buf;
        const int64_t *pg = page.buf;
        int64_t *out_start = run_start.buf, *out_end = run_end.buf;
        csum[0] = 0.0;
        csum[1] = g[0]; /* numpy's cumsum starts with the first value itself */
        for (Py_ssize_t i = 1; i < n; i++)
            csum[i + 1] = csum[i] + g[i];
        double running = 0.0; /* the lowest shifted prefix sum so far */
        int64_t latest = 0;   /* where it was reached */
        for (Py_ssize_t i = 0; i < n; i++) {
            const double shifted = csum[i] - big * (double)pg[i];
            if (i == 0 || shifted < running) {
                latest = i;
                running = shifted;
            }
            low[i] = latest;
            value[i] = csum[i + 1] - csum[latest];
        }
        for (Py_ssize_t first = 0; first < n;) { /* page by page */
            Py_ssize_t stop = first + 1, best = first;
            for (; stop < n && pg[stop] == pg[first]; stop++)
                if (value[stop] > value[best])
                    best = stop;
            const int positive = value[best] > 0;
            for (Py_ssize_t i = first; i < stop; i++) {
                out_start[i] = positive ? low[best] : first;
                out_end[i] = positive ? best + 1 : first;
            }
            first = stop;
        }
    }
    PyMem_Free(csum);
    PyMem_Free(value);
    PyMem_Free(low);
    PyBuffer_Release(&gain);
    PyBuffer_Release(&page);
    PyBuffer_Release(&run_start);
    PyBuffer_Release(&run_end);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "best_run: buffers of different lengths");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Each page's most likely article span (newsclean.classify.boundary.article_span), row by row as the numpy
   path finds it: the best start at or before each row is the latest row where the start logits (lifted by
   ``big`` per page, as there) reach a new maximum; the span ends at the page's first row with the largest sum
   of that start's logit and its own end logit. ``in_span`` (uint8) is 1 for the rows from that start to that
   end. */
static PyObject *article_span(PyObject *self, PyObject *args) {
    Py_buffer start, end, page, in_span;
    double big;
    if (!PyArg_ParseTuple(args, "y*y*y*dw*", &start, &end, &page, &big, &in_span))
        return NULL;
    const Py_ssize_t n = start.len / (Py_ssize_t)sizeof(double);
    double *value = PyMem_Malloc((n + 1) * sizeof(double));
    int64_t *best_start = PyMem_Malloc((n + 1) * sizeof(int64_t));
    const int ok = end.len == start.len && page.len == n * (Py_ssize_t)sizeof(int64_t) && in_span.len == n &&
                   value && best_start;
    if (ok) {
        const double *s0 = start.buf, *e = end.buf;
        const int64_t *pg = page.buf;
        uint8_t *out = in_span.buf;
        double running = 0.0; /* the highest lifted start logit so far */
        int64_t latest = 0;   /* where it was reached */
        for (Py_ssize_t i = 0; i < n; i++) {
            const double lifted = s0[i] + big * (double)pg[i];
            if (i == 0 || lifted > running) {
                latest = i;
                running = lifted;
            }
            best_start[i] = latest;
            value[i] = s0[latest] + e[i];
        }
        for (Py_ssize_t first = 0; first < n;) { /* page by page */
            Py_ssize_t stop = first + 1, best = first;
            for (; stop < n && pg[stop] == pg[first]; stop++)
                if (value[stop] > value[best])
                    best = stop;
            for (Py_ssize_t i = first; i < stop; i++)
                out[i] = i >= best_start[best] && i <= best;
            first = stop;
        }
    }
    PyMem_Free(value);
    PyMem_Free(best_start);
    PyBuffer_Release(&start);
    PyBuffer_Release(&end);
    PyBuffer_Release(&page);
    PyBuffer_Release(&in_span);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "article_span: buffers of different lengths");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* One step of the phrase lookup of newsclean.classify.phrases.opening_phrases: for each row with more than
   ``n_words - 1`` tokens, its first ``n_words`` token keys combined (key * MIX + next key, wrapping, as
   phrases.mix) and looked up in a table of phrases of that many words; where it is there, the row's ``codes``
   become the table's value and its ``phrase_end`` the end of its last word. */
static PyObject *phrase_lookup(PyObject *self, PyObject *args) {
    Py_buffer keys, first, count, t_end, slots, values, codes, phrase_end;
    Py_ssize_t n_words;
    unsigned long long multiplier, mix;
    unsigned int shift;
    if (!PyArg_ParseTuple(args, "y*y*y*y*ny*y*KIKw*w*", &keys, &first, &count, &t_end, &n_words, &slots, &values,
                          &multiplier, &shift, &mix, &codes, &phrase_end))
        return NULL;
    const Py_ssize_t n_rows = first.len / (Py_ssize_t)sizeof(int64_t);
    const Py_ssize_t n_tokens = keys.len / (Py_ssize_t)sizeof(uint64_t);
    const Py_ssize_t n_slots = slots.len / (Py_ssize_t)sizeof(uint64_t);
    const int ok = n_words >= 1 && count.len == first.len && codes.len == first.len && phrase_end.len == first.len &&
                   t_end.len == keys.len && values.len == slots.len && shift >= 8 && shift <= 63 &&
                   n_slots >= ((Py_ssize_t)1 << (64 - shift));
    if (ok) {
        const uint64_t *k = keys.buf, *table = slots.buf;
        const int64_t *row_first = first.buf, *row_count = count.buf, *ends = t_end.buf, *value = values.buf;
        int64_t *code = codes.buf, *end = phrase_end.buf;
        for (Py_ssize_t row = 0; row < n_rows; row++) {
            const int64_t at = row_first[row];
            if (row_count[row] < n_words || at < 0 || at + n_words > n_tokens)
                continue;
            uint64_t combined = k[at];
            for (Py_ssize_t w = 1; w < n_words; w++)
                combined = combined * (uint64_t)mix + k[at + w];
            const uint64_t slot = (combined * (uint64_t)multiplier) >> shift;
            if (table[slot] == combined && value[slot] >= 0) {
                code[row] = value[slot];
                end[row] = ends[at + n_words - 1];
            }
        }
    }
    PyBuffer_Release(&keys);
    PyBuffer_Release(&first);
    PyBuffer_Release(&count);
    PyBuffer_Release(&t_end);
    PyBuffer_Release(&slots);
    PyBuffer_Release(&values);
    PyBuffer_Release(&codes);
    PyBuffer_Release(&phrase_end);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "phrase_lookup: buffers of different lengths or a bad table");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Stop words per page and language (newsclean.classify.language.stopwords_by_language): for each page k,
   its tokens from tok_bounds[k] to tok_bounds[k + 1] counted in ``counts`` (pages x languages) once for
   each language in their stop-word bit set. */
static PyObject *language_counts(PyObject *self, PyObject *args) {
    Py_buffer bits, bounds, counts;
    if (!PyArg_ParseTuple(args, "y*y*w*", &bits, &bounds, &counts))
        return NULL;
    const Py_ssize_t n_tokens = bits.len / (Py_ssize_t)sizeof(uint16_t);
    const Py_ssize_t n_pages = bounds.len / (Py_ssize_t)sizeof(int64_t) - 1;
    const Py_ssize_t n_languages = n_pages > 0 ? counts.len / (n_pages * (Py_ssize_t)sizeof(int64_t)) : 0;
    const int64_t *b = bounds.buf;
    int ok = n_pages >= 0 && counts.len == n_pages * n_languages * (Py_ssize_t)sizeof(int64_t);
    for (Py_ssize_t k = 0; ok && k < n_pages; k++)
        ok = 0 <= b[k] && b[k] <= b[k + 1] && b[k + 1] <= n_tokens;
    if (ok) {
        const uint16_t *token_bits = bits.buf;
        int64_t *count = counts.buf;
        for (Py_ssize_t k = 0; k < n_pages; k++) {
            /* the page's tokens per low and high byte of their bit sets, then per language */
            int64_t low[256] = {0}, high[256] = {0};
            for (int64_t t = b[k]; t < b[k + 1]; t++) {
                low[token_bits[t] & 255]++;
                high[token_bits[t] >> 8]++;
            }
            for (int byte = 1; byte < 256; byte++)
                for (int bit = 0; bit < 8; bit++)
                    if (byte & (1 << bit)) {
                        if (bit < n_languages)
                            count[k * n_languages + bit] += low[byte];
                        if (bit + 8 < n_languages)
                            count[k * n_languages + bit + 8] += high[byte];
                    }
        }
    }
    PyBuffer_Release(&bits);
    PyBuffer_Release(&bounds);
    PyBuffer_Release(&counts);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "language_counts: bad token bounds or buffer lengths");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* Stop words per row in its page's language (newsclean.classify.language.stopwords_by_language): for each
   row, its ``count`` tokens from ``first`` whose stop-word bit set shares a bit with the row's ``mask``. */
static PyObject *row_stopwords(PyObject *self, PyObject *args) {
    Py_buffer bits, first, count, mask, out;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*", &bits, &first, &count, &mask, &out))
        return NULL;
    const Py_ssize_t n_tokens = bits.len / (Py_ssize_t)sizeof(uint16_t);
    const Py_ssize_t n_rows = first.len / (Py_ssize_t)sizeof(int64_t);
    const int64_t *row_first = first.buf, *row_count = count.buf;
    int ok = count.len == first.len && out.len == first.len && mask.len == n_rows * (Py_ssize_t)sizeof(uint16_t);
    for (Py_ssize_t r = 0; ok && r < n_rows; r++)
        ok = row_count[r] == 0 || (0 <= row_first[r] && row_count[r] > 0 && row_first[r] + row_count[r] <= n_tokens);
    if (ok) {
        const uint16_t *token_bits = bits.buf, *row_mask = mask.buf;
        int64_t *stops = out.buf;
        for (Py_ssize_t r = 0; r < n_rows; r++) {
            int64_t found = 0;
            for (int64_t t = row_first[r]; t < row_first[r] + row_count[r]; t++)
                found += (token_bits[t] & row_mask[r]) != 0;
            stops[r] = found;
        }
    }
    PyBuffer_Release(&bits);
    PyBuffer_Release(&first);
    PyBuffer_Release(&count);
    PyBuffer_Release(&mask);
    PyBuffer_Release(&out);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "row_stopwords: bad token ranges or buffer lengths");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* How many of ``values`` (uint64) equal each one, itself included (newsclean.classify.features.equal_counts):
   each distinct value gets a slot of an open-addressing hash table, counted as the rows are read. */
static PyObject *equal_counts(PyObject *self, PyObject *args) {
    Py_buffer values, out;
    if (!PyArg_ParseTuple(args, "y*w*", &values, &out))
        return NULL;
    const Py_ssize_t n = values.len / (Py_ssize_t)sizeof(uint64_t);
    int bits = 4;
    while (((Py_ssize_t)1 << bits) < 2 * n)
        bits++;
    const uint64_t mask = ((uint64_t)1 << bits) - 1;
    uint64_t *keys = PyMem_Malloc((mask + 1) * sizeof(uint64_t));
    int64_t *counts = PyMem_Calloc(mask + 1, sizeof(int64_t)); /* 0: an empty slot */
    const int ok = out.len == values.len && keys && counts;
    if (ok) {
        const uint64_t *v = values.buf;
        int64_t *found = out.buf; /* each row's slot, then its count */
        for (Py_ssize_t i = 0; i < n; i++) {
            uint64_t slot = (v[i] * 0x9E3779B97F4A7C15ull) >> (64 - bits);
            while (counts[slot] && keys[slot] != v[i])
                slot = (slot + 1) & mask;
            keys[slot] = v[i];
            counts[slot]++;
            found[i] = (int64_t)slot;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            found[i] = counts[found[i]];
    }
    PyMem_Free(keys);
    PyMem_Free(counts);
    PyBuffer_Release(&values);
    PyBuffer_Release(&out);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "equal_counts: buffers of different lengths");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "Fill the caller's buffers with the per-line and per-token arrays of a text."},
    {"window_means", window_means, METH_VARARGS, "Fill the caller's buffer with window means of rows."},
    {"best_run", best_run, METH_VARARGS, "Fill the caller's buffers with each page's best run of rows."},
    {"article_span", article_span, METH_VARARGS, "Fill the caller's buffer with each page's article span."},
    {"phrase_lookup", phrase_lookup, METH_VARARGS, "Look the opening phrases of rows up in one phrase table."},
    {"language_counts", language_counts, METH_VARARGS, "Count stop words per page and language."},
    {"row_stopwords", row_stopwords, METH_VARARGS, "Count stop words per row in the languages of a mask."},
    {"equal_counts", equal_counts, METH_VARARGS, "Count how many values equal each one."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void) {
    init_increments();
    return PyModule_Create(&module);
}
