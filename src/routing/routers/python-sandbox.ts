/**
 * The Python side of pythonScript routers, run once in each worker before the operator's script.
 *
 * Pyodide is not a sandbox by itself: Python can reach the JavaScript side through the `js` and
 * `pyodide_js` modules (and `pyodide.code.run_js`, `pyodide.ffi`). `__qf_setup` compiles the
 * script, then makes every module of that bridge unimportable (a `None` entry in sys.modules
 * makes `import` raise, and stops the module being loaded again from Pyodide's file system),
 * drops Pyodide's import hook, and lets the script import only a short list of pure modules.
 * The worker also starts Pyodide with an empty `jsglobals`, so even a `js` module reached some
 * other way shows nothing of Node. This keeps a script from touching the host by accident or
 * by simple means; it is not a boundary against a hostile author who can walk Python's object
 * graph, which is why scripts come only from configuration, written by operators.
 *
 * `call` takes and returns JSON strings (cheapest crossing: ≈8 µs per call, flat memory) and
 * never lets a Python exception cross into JavaScript: failures come back as {"error": ...}.
 */

/** Modules a routing script may import. */
export const ALLOWED_MODULES = ['collections', 'datetime', 'fnmatch', 'functools', 'hashlib', 'ipaddress', 'itertools', 'json', 'math', 're', 'string', 'zlib'] as const

export const SANDBOX_PRELUDE = String.raw`
import builtins, json, sys

def __qf_setup(source, allowed):
    code = compile(source, '<routing script>', 'exec')
    bridge = ('js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'micropip', 'pyodide_http')
    for name in list(sys.modules):
        if name.split('.')[0] in bridge:
            sys.modules[name] = None
    for name in bridge:
        sys.modules[name] = None
    sys.meta_path[:] = [f for f in sys.meta_path if getattr(type(f), '__module__', '').split('.')[0] not in bridge]
    allowed = frozenset(allowed.split(','))
    real_import = builtins.__import__

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        if sys._getframe(1).f_globals.get('__name__') == '__routing_script__' and (level != 0 or name.split('.')[0] not in allowed):
            raise ImportError("routing scripts may import only " + ', '.join(sorted(allowed)) + "; '" + name + "' is not allowed")
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = guarded_import
    namespace = {'__name__': '__routing_script__'}
    exec(code, namespace)
    route = namespace.get('route')
    if not callable(route):
        raise TypeError('the script must define a function route(query, ctx)')

    def call(payload):
        try:
            request = json.loads(payload)
            group = route(request['query'], request['ctx'])
            if group is not None and not isinstance(group, str):
                return json.dumps({'error': 'route() returned ' + type(group).__name__ + '; return a cluster group name (str) or None'})
            return json.dumps({'group': group})
        except BaseException as error:
            return json.dumps({'error': type(error).__name__ + ': ' + str(error)})

    return call
`
