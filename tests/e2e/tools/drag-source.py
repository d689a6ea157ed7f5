#!/usr/bin/python3
"""A drag source for the real-window drop test: a small GTK 3 window at (X, Y) that offers
FILE as a `text/uri-list`, the way a file manager offers a file. `xdotool` then drags from it
onto the app's window, so the drop arrives through the window system (XDND), exactly as a
user's drop does. Prints "ready" once the window is on screen; exits after the drag ends, or
after 30 seconds.

Usage: /usr/bin/python3 drag-source.py FILE X Y
"""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402


def main() -> None:
    path, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    uri = GLib.filename_to_uri(path, None)
    win = Gtk.Window(title="drag source")
    win.set_decorated(False)
    win.set_default_size(120, 60)
    win.move(x, y)
    button = Gtk.Button(label="file")
    button.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
    button.drag_source_add_uri_targets()
    button.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris([uri]))
    button.connect("drag-end", lambda *_: GLib.timeout_add(500, Gtk.main_quit))
    win.add(button)

    def shown(*_):
        print("ready", flush=True)

    win.connect("map-event", shown)
    win.show_all()
    GLib.timeout_add_seconds(30, Gtk.main_quit)
    Gtk.main()


if __name__ == "__main__":
    main()
