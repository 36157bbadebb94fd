/* Terminal widths of the lines of a text (newsclean.text.lines), in one pass over the str, and the whole
 * unwrapping of a dump's lines (lines.unwrap, its wrap width included) from those widths; the test for
 * line breaks other than "\n" that comes first (lines.normalise); and the lines of the metadata window
 * that may hold a date (dates.find_dates_in_lines).
 *
 * Optional: when this module is not built, newsclean.text.lines finds the same widths with a regular
 * expression and unwraps in Python (tests compare the two). Wide characters are the East Asian Wide and
 * Fullwidth ranges of lines._WIDE; they count two columns.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int is_wide(Py_UCS4 c) {
    if (c < 0x1100)
        return 0;
    return (c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

/* widths(text) -> (widths of its lines split on "\n", whether any character is wide) */
static PyObject *widths(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "widths: expected a str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(arg) < 0)
        return NULL;
#endif
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Py_ssize_t width = 0;
    int any_wide = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        const Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : 10;
        if (c == 10) {
            PyObject *value = PyLong_FromSsize_t(width);
            if (value == NULL || PyList_Append(out, value) < 0) {
                Py_XDECREF(value);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(value);
            width = 0;
            continue;
        }
        width++;
        if (kind != PyUnicode_1BYTE_KIND && is_wide(c)) {
            width++;
            any_wide = 1;
        }
    }
    return Py_BuildValue("(NO)", out, any_wide ? Py_True : Py_False);
}

/* A line of the text: [start, end) in characters, and its terminal width. */
typedef struct {
    Py_ssize_t start, end, width;
} Line;

static int blank(int kind, const void *data, const Line *line) {
    for (Py_ssize_t i = line->start; i < line->end; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 0;
    return 1;
}

/* Whether a converter could have broken this line (lines._wrap_width): not one token, nor one bracketed
   piece ("[          ]", a padded form field), once stripped; a line holding a wide character always. */
static int breakable(int kind, const void *data, const Line *line) {
    Py_ssize_t a = line->start, b = line->end;
    while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)))
        a++;
    while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
        b--;
    if (a == b)
        return 1;
    int space = 0, inner_close = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (is_wide(c))
            return 1;
        if (Py_UNICODE_ISSPACE(c))
            space = 1;
        else if (c == ']' && i > a && i < b - 1)
            inner_close = 1;
    }
    if (!space)
        return 0;
    const int bracketed = b - a >= 2 && PyUnicode_READ(kind, data, a) == '[' &&
                          PyUnicode_READ(kind, data, b - 1) == ']' && !inner_close;
    return !bracketed;
}

/* The width a page is wrapped at (lines._wrap_width): that of its widest breakable line of at least
   min_width columns, or 0. */
static Py_ssize_t wrap_width(int kind, const void *data, const Line *lines, Py_ssize_t n_lines,
                             Py_ssize_t min_width) {
    Py_ssize_t width = 0;
    for (Py_ssize_t k = 0; k < n_lines; k++)
        if (lines[k].width >= min_width && lines[k].width > width && breakable(kind, data, &lines[k]))
            width = lines[k].width;
    return width;
}

/* A paragraph wrapped over lines first..last (last included): the first line without trailing white
   space, then each next one stripped, joined by a space, or by nothing where the characters on both
   sides of the break are wide (as lines._rejoin does). */
static PyObject *rejoin(PyObject *text, int kind, const void *data, const Line *lines, Py_ssize_t first,
                        Py_ssize_t last) {
    Py_ssize_t total = 0;
    Py_UCS4 maxchar = ' ';
    for (Py_ssize_t k = first; k <= last; k++) {
        Py_ssize_t a = lines[k].start, b = lines[k].end;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
            b--;
        if (k > first)
            while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)))
                a++;
        for (Py_ssize_t i = a; i < b; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c > maxchar)
                maxchar = c;
        }
        total += (b - a) + (k > first); /* at most one space before each next piece */
    }
    PyObject *out = PyUnicode_New(total, maxchar);
    if (out == NULL)
        return NULL;
    Py_ssize_t at = 0;
    for (Py_ssize_t k = first; k <= last; k++) {
        Py_ssize_t a = lines[k].start, b = lines[k].end;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
            b--;
        if (k > first) {
            while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)))
                a++;
            int wide_break = at > 0 && b > a && is_wide(PyUnicode_READ_CHAR(out, at - 1)) &&
                             is_wide(PyUnicode_READ(kind, data, a));
            if (!wide_break)
                PyUnicode_WRITE(PyUnicode_KIND(out), PyUnicode_DATA(out), at++, ' ');
        }
        /* Character by character: PyUnicode_CopyCharacters into an ASCII string checks the maximum of the
           source's first characters rather than of the range copied, and refuses ASCII pieces of a Latin-1
           text ("Cannot copy latin1 characters into a string of ascii characters"). */
        const int out_kind = PyUnicode_KIND(out);
        void *out_data = PyUnicode_DATA(out);
        for (Py_ssize_t i = a; i < b; i++)
            PyUnicode_WRITE(out_kind, out_data, at++, PyUnicode_READ(kind, data, i));
    }
    if (at == total)
        return out;
    PyObject *cut = PyUnicode_Substring(out, 0, at); /* wide breaks left spaces unused */
    Py_DECREF(out);
    return cut;
}

/* The lines of a text and their widths, once per storage kind of the str: -1 when out of memory. */
#define MEASURE_LOOP(NAME, CHAR_T, CAN_BE_WIDE)                                                              \
    static Py_ssize_t NAME(const CHAR_T *s, Py_ssize_t n, Line **lines, Py_ssize_t *capacity) {              \
        Py_ssize_t k = 0, start = 0, width = 0;                                                              \
        for (Py_ssize_t i = 0; i <= n; i++) {                                                                \
            if (i < n && s[i] != 10) {                                                                       \
                width += (CAN_BE_WIDE && is_wide(s[i])) ? 2 : 1;                                             \
                continue;                                                                                    \
            }                                                                                                \
            if (k == *capacity) {                                                                            \
                Line *grown = PyMem_Realloc(*lines, 2 * k * sizeof(Line));                                   \
                if (grown == NULL)                                                                           \
                    return -1;                                                                               \
                *lines = grown;                                                                              \
                *capacity = 2 * k;                                                                           \
            }                                                                                                \
            (*lines)[k].start = start;                                                                       \
            (*lines)[k].end = i;                                                                             \
            (*lines)[k].width = width;                                                                       \
            k++;                                                                                             \
            start = i + 1;                                                                                   \
            width = 0;                                                                                       \
        }                                                                                                    \
        return k;                                                                                            \
    }

MEASURE_LOOP(measure_ucs1, Py_UCS1, 0)
MEASURE_LOOP(measure_ucs2, Py_UCS2, 1)
MEASURE_LOOP(measure_ucs4, Py_UCS4, 1)

/* unwrap(text, max_width, min_width, slack, min_wrapped) -> (lines, starts or None): lines.unwrap of
   text.split("\n"), the limits being lines.MAX_WRAP_WIDTH, MIN_WRAP_WIDTH, WRAP_SLACK and MIN_WRAPPED. */
static PyObject *unwrap(PyObject *self, PyObject *args) {
    PyObject *text;
    Py_ssize_t max_width, min_width, slack, min_wrapped;
    if (!PyArg_ParseTuple(args, "Unnnn", &text, &max_width, &min_width, &slack, &min_wrapped))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n_lines = 0, capacity = n / 64 + 16;
    Line *lines = PyMem_Malloc(capacity * sizeof(Line));
    char *joins = NULL;
    PyObject *out = NULL, *starts = NULL, *result = NULL;
    if (lines == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        n_lines = measure_ucs1(PyUnicode_1BYTE_DATA(text), n, &lines, &capacity);
        break;
    case PyUnicode_2BYTE_KIND:
        n_lines = measure_ucs2(PyUnicode_2BYTE_DATA(text), n, &lines, &capacity);
        break;
    default:
        n_lines = measure_ucs4(PyUnicode_4BYTE_DATA(text), n, &lines, &capacity);
    }
    if (n_lines < 0 || (joins = PyMem_Calloc(n_lines, 1)) == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t k;
    const Py_ssize_t width = wrap_width(kind, data, lines, n_lines, min_width);
    int wrapped = width <= max_width && width >= min_width;
    if (wrapped) {
        const Py_ssize_t cut = width - slack;
        Py_ssize_t reaching = 0, n_joins = 0;
        for (k = 0; k < n_lines; k++) {
            if (lines[k].width < cut)
                continue;
            reaching++;
            if (k + 1 < n_lines && !blank(kind, data, &lines[k + 1])) {
                joins[k] = 1;
                n_joins++;
            }
        }
        wrapped = reaching >= min_wrapped && n_joins > 0;
    }
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    if (wrapped && (starts = PyList_New(0)) == NULL)
        goto done;
    for (k = 0; k < n_lines;) {
        Py_ssize_t last = k;
        PyObject *line;
        if (wrapped && joins[k]) {
            while (joins[last + 1]) /* joins[n_lines - 1] is 0: no line follows the last */
                last++;
            line = rejoin(text, kind, data, lines, k, last + 1);
        } else {
            line = PyUnicode_Substring(text, lines[k].start, lines[k].end);
        }
        if (line == NULL || PyList_Append(out, line) < 0) {
            Py_XDECREF(line);
            goto done;
        }
        Py_DECREF(line);
        if (wrapped) {
            PyObject *start = PyLong_FromSsize_t(k);
            if (start == NULL || PyList_Append(starts, start) < 0) {
                Py_XDECREF(start);
                goto done;
            }
            Py_DECREF(start);
        }
        k = (wrapped && joins[k]) ? last + 2 : k + 1;
    }
    result = Py_BuildValue("(OO)", out, wrapped ? starts : Py_None);
done:
    PyMem_Free(lines);
    PyMem_Free(joins);
    Py_XDECREF(out);
    Py_XDECREF(starts);
    return result;
}

/* Whether a str holds one of a few characters, once per storage kind: `low` marks those below 256, `high`
   lists the others. */
#define HOLDS_LOOP(NAME, CHAR_T)                                                                             \
    static int NAME(const CHAR_T *s, Py_ssize_t n, const unsigned char *low, const Py_UCS4 *high,            \
                    Py_ssize_t n_high) {                                                                     \
        for (Py_ssize_t i = 0; i < n; i++) {                                                                 \
            const Py_UCS4 c = s[i];                                                                          \
            if (c < 256) {                                                                                   \
                if (low[c])                                                                                  \
                    return 1;                                                                                \
                continue;                                                                                    \
            }                                                                                                \
            for (Py_ssize_t j = 0; j < n_high; j++)                                                          \
                if (c == high[j])                                                                            \
                    return 1;                                                                                \
        }                                                                                                    \
        return 0;                                                                                            \
    }

HOLDS_LOOP(holds_ucs1, Py_UCS1)
HOLDS_LOOP(holds_ucs2, Py_UCS2)
HOLDS_LOOP(holds_ucs4, Py_UCS4)

#define MAX_HIGH_CHARS 16

/* holds_any(text, chars) -> whether text holds one of the (at most 16 above U+00FF) characters of chars:
   lines.normalise's test for odd line breaks, in one pass instead of one search per character (the
   search for "\0" is slow in a str of two or four bytes a character, where every byte of an ASCII
   character's upper half is a zero). */
static PyObject *holds_any(PyObject *self, PyObject *args) {
    PyObject *text, *chars;
    if (!PyArg_ParseTuple(args, "UU", &text, &chars))
        return NULL;
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0 || PyUnicode_READY(chars) < 0)
        return NULL;
#endif
    unsigned char low[256] = {0};
    Py_UCS4 high[MAX_HIGH_CHARS];
    Py_ssize_t n_high = 0;
    for (Py_ssize_t j = 0; j < PyUnicode_GET_LENGTH(chars); j++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(chars, j);
        if (c < 256) {
            low[c] = 1;
        } else if (n_high < MAX_HIGH_CHARS) {
            high[n_high++] = c;
        } else {
            PyErr_SetString(PyExc_ValueError, "holds_any: at most 16 characters above U+00FF");
            return NULL;
        }
    }
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int found;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        found = holds_ucs1(PyUnicode_1BYTE_DATA(text), n, low, high, n_high);
        break;
    case PyUnicode_2BYTE_KIND:
        found = holds_ucs2(PyUnicode_2BYTE_DATA(text), n, low, high, n_high);
        break;
    default:
        found = holds_ucs4(PyUnicode_4BYTE_DATA(text), n, low, high, n_high);
    }
    return PyBool_FromLong(found);
}

/* The numbers of the lines (split on "\n") holding a year hint: "19", "20" or "21" before two decimal
   digits, or one at the end of the text (dates._hinted_lines' Python path), once per storage kind. */
#define HINT_LOOP(NAME, CHAR_T)                                                                              \
    static int NAME(const CHAR_T *s, Py_ssize_t n, PyObject *out) {                                          \
        Py_ssize_t line = 0, last = -1;                                                                      \
        for (Py_ssize_t i = 0; i + 2 < n; i++) {                                                             \
            const Py_UCS4 c = s[i], next = s[i + 1];                                                         \
            if (c == '\n') {                                                                                 \
                line++;                                                                                      \
                continue;                                                                                    \
            }                                                                                                \
            if (line == last || !((c == '1' && next == '9') || (c == '2' && (next == '0' || next == '1'))))  \
                continue;                                                                                    \
            if (!Py_UNICODE_ISDECIMAL(s[i + 2]) || (i + 3 < n && !Py_UNICODE_ISDECIMAL(s[i + 3])))         \
                continue;                                                                                    \
            PyObject *number = PyLong_FromSsize_t(line);                                                     \
            if (number == NULL || PyList_Append(out, number) < 0) {                                          \
                Py_XDECREF(number);                                                                          \
                return -1;                                                                                   \
            }                                                                                                \
            Py_DECREF(number);                                                                               \
            last = line;                                                                                     \
        }                                                                                                    \
        return 0;                                                                                            \
    }

HINT_LOOP(hints_ucs1, Py_UCS1)
HINT_LOOP(hints_ucs2, Py_UCS2)
HINT_LOOP(hints_ucs4, Py_UCS4)

/* hinted_lines(text) -> the numbers of the lines of text that may hold a date (newsclean.text.dates): one
   pass instead of a string search per opening and a count of the line breaks. */
static PyObject *hinted_lines(PyObject *self, PyObject *arg) {
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "hinted_lines: expected a str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(arg) < 0)
        return NULL;
#endif
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int failed;
    switch (PyUnicode_KIND(arg)) {
    case PyUnicode_1BYTE_KIND:
        failed = hints_ucs1(PyUnicode_1BYTE_DATA(arg), n, out);
        break;
    case PyUnicode_2BYTE_KIND:
        failed = hints_ucs2(PyUnicode_2BYTE_DATA(arg), n, out);
        break;
    default:
        failed = hints_ucs4(PyUnicode_4BYTE_DATA(arg), n, out);
    }
    if (failed) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyMethodDef methods[] = {
    {"hinted_lines", hinted_lines, METH_O, "The numbers of the lines of a text that hold a year hint."},
    {"widths", widths, METH_O, "The terminal width of each line of a text, and whether any character is wide."},
    {"holds_any", holds_any, METH_VARARGS, "Whether a text holds one of the characters of another."},
    {"unwrap", unwrap, METH_VARARGS, "The lines of a text with wrapped paragraphs joined, and where each starts."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_widths", NULL, -1, methods};

PyMODINIT_FUNC PyInit__widths(void) { return PyModule_Create(&module); }
