/* Terminal widths of the lines of a text (newsclean.text.lines), in one pass over the str.
 *
 * Optional: when this module is not built, newsclean.text.lines finds the same widths with a regular
 * expression (tests compare the two). Wide characters are the East Asian Wide and Fullwidth ranges of
 * lines._WIDE; they count two columns.
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

static PyMethodDef methods[] = {
    {"widths", widths, METH_O, "The terminal width of each line of a text, and whether any character is wide."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_widths", NULL, -1, methods};

PyMODINIT_FUNC PyInit__widths(void) { return PyModule_Create(&module); }
