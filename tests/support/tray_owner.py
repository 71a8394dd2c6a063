"""Exits 0 when a system tray owns the _NET_SYSTEM_TRAY_S0 selection on
$DISPLAY (the XEmbed tray protocol's sign that a tray is running), 1 when
none does, 2 when the display cannot be opened. Uses libX11 through ctypes,
so it needs nothing beyond the X libraries Qt's xcb platform already uses."""
import ctypes
import ctypes.util
import sys

path = ctypes.util.find_library("X11")
if path is None:
    sys.exit(2)
x11 = ctypes.CDLL(path)
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XGetSelectionOwner.restype = ctypes.c_ulong
x11.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]

display = x11.XOpenDisplay(None)
if not display:
    sys.exit(2)
owner = x11.XGetSelectionOwner(display, x11.XInternAtom(display, b"_NET_SYSTEM_TRAY_S0", 0))
x11.XCloseDisplay(display)
sys.exit(0 if owner else 1)
