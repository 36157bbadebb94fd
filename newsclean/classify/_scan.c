/* One pass over a batch of pages for the line features (newsclean.classify.chars.scan_text).
 *
 * Optional: when this module is not built, chars.scan_text computes the same arrays with numpy
 * (tests compare the two). It reads the code points of a str without encoding it and fills buffers the
 * caller allocated: code points, flags, line starts and ends, the lines with a visible character, the
 * first and last of them, six character-class counts and the sentence ends of each such line, and the
 * bounds and keys of every word token.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { ALPHA = 1, DIGIT = 2, UPPER = 4, SPACE = 8, END = 16, PUNCT = 32, CJK = 64, LINK_SEPARATOR = 128 };
static const uint8_t COUNTED[6] = {ALPHA, DIGIT, PUNCT, UPPER, CJK, LINK_SEPARATOR};

static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_buffer bufs[14];
    /* flag table (uint8 x 65536), key table (uint64 x 65536), then the outputs: cp (uint32), flags (uint8),
       starts, ends, rows, first, last (int64), counts (int64, 6 x max rows), sentence ends (int64),
       token starts, token ends (int64), keys (uint64) */
    if (!PyArg_ParseTuple(args, "Uy*y*w*w*w*w*w*w*w*w*w*w*w*w*", &text, &bufs[0], &bufs[1], &bufs[2], &bufs[3],
                          &bufs[4], &bufs[5], &bufs[6], &bufs[7], &bufs[8], &bufs[9], &bufs[10], &bufs[11],
                          &bufs[12], &bufs[13]))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        for (int b = 0; b < 14; b++)
            PyBuffer_Release(&bufs[b]);
        return NULL;
    }
#endif
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const uint8_t *ftab = bufs[0].buf;
    const uint64_t *ktab = bufs[1].buf;
    uint32_t *cp = bufs[2].buf;
    uint8_t *flags = bufs[3].buf;
    int64_t *starts = bufs[4].buf, *ends = bufs[5].buf, *rows = bufs[6].buf, *first = bufs[7].buf;
    int64_t *last = bufs[8].buf, *counts = bufs[9].buf, *sentence_ends = bufs[10].buf;
    int64_t *t_start = bufs[11].buf, *t_end = bufs[12].buf;
    uint64_t *keys = bufs[13].buf;
    const Py_ssize_t max_rows = bufs[10].len / (Py_ssize_t)sizeof(int64_t);
    int ok = bufs[0].len >= 65536 && bufs[1].len >= 65536 * (Py_ssize_t)sizeof(uint64_t) &&
             bufs[2].len >= n * (Py_ssize_t)sizeof(uint32_t) && bufs[3].len >= n &&
             bufs[4].len >= (n + 1) * (Py_ssize_t)sizeof(int64_t) && bufs[5].len >= bufs[4].len &&
             bufs[6].len >= bufs[4].len && bufs[7].len >= bufs[4].len && bufs[8].len >= bufs[4].len &&
             max_rows >= n + 1 && bufs[9].len >= 6 * max_rows * (Py_ssize_t)sizeof(int64_t) &&
             bufs[11].len >= (n / 2 + 1) * (Py_ssize_t)sizeof(int64_t) && bufs[12].len >= bufs[11].len &&
             bufs[13].len >= bufs[11].len;
    Py_ssize_t n_lines = 0, n_rows = 0, n_tokens = 0;
    if (ok) {
        Py_ssize_t line_start = 0, vis_first = -1, vis_last = -1, tok = -1;
        int64_t cnt[6] = {0, 0, 0, 0, 0, 0}, ends_here = 0;
        int pending_end = 0; /* the previous character is a sentence end if this one is a gap */
        uint64_t k0 = 0, k1 = 0, k2 = 0;
        for (Py_ssize_t i = 0; i <= n; i++) {
            const Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : 10;
            const uint8_t f = i < n ? (c <= 0xFFFF ? ftab[c] : ALPHA) : 0;
            if (i < n) {
                cp[i] = (uint32_t)c;
                flags[i] = f;
            }
            if (pending_end && (c == 10 || (f & SPACE)))
                ends_here++;
            pending_end = 0;
            if (tok >= 0 && !(f & (ALPHA | DIGIT))) { /* a token ends before i */
                const Py_ssize_t len = i - tok;
                const uint64_t last_key = ktab[(uint16_t)cp[i - 1]];
                uint64_t key = (uint64_t)(len < 15 ? len : 15);
                key = (key << 14) | k0;
                key = (key << 14) | (len > 1 ? k1 : 0);
                key = (key << 14) | (len > 2 ? k2 : 0);
                key = (key << 14) | (len > 3 ? last_key : 0);
                t_start[n_tokens] = tok;
                t_end[n_tokens] = i;
                keys[n_tokens++] = key;
                tok = -1;
            } else if (tok < 0 && (f & (ALPHA | DIGIT))) {
                tok = i;
                k0 = ktab[(uint16_t)c];
            } else if (tok >= 0) {
                if (i - tok == 1)
                    k1 = ktab[(uint16_t)c];
                else if (i - tok == 2)
                    k2 = ktab[(uint16_t)c];
            }
            if (c == 10) { /* the end of a line (or of the text) */
                if (vis_first >= 0) {
                    rows[n_rows] = n_lines;
                    first[n_rows] = vis_first;
                    last[n_rows] = vis_last;
                    for (int k = 0; k < 6; k++)
                        counts[k * max_rows + n_rows] = cnt[k];
                    sentence_ends[n_rows++] = ends_here;
                }
                starts[n_lines] = line_start;
                ends[n_lines++] = i;
                line_start = i + 1;
                vis_first = vis_last = -1;
                for (int k = 0; k < 6; k++)
                    cnt[k] = 0;
                ends_here = 0;
                continue;
            }
            if (!(f & SPACE)) {
                if (vis_first < 0)
                    vis_first = i;
                vis_last = i;
                for (int k = 0; k < 6; k++)
                    cnt[k] += (f & COUNTED[k]) != 0;
                if (f & END) {
                    if (c >= 0x3000)
                        ends_here++;
                    else
                        pending_end = 1;
                }
            }
        }
    }
    for (int b = 0; b < 14; b++)
        PyBuffer_Release(&bufs[b]);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "scan: a table or an output buffer is too small");
        return NULL;
    }
    return Py_BuildValue("nnn", n_lines, n_rows, n_tokens);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "Fill the caller's buffers with the per-line and per-token arrays of a text."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void) { return PyModule_Create(&module); }
