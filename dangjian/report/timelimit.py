"""Run a rendering with a time limit: a template that loops for ever must not hang the tool.

The sandbox bounds what a template may touch, not how long it runs (nested loops over
range(100000) are allowed). On POSIX, in the main thread, a real-time timer interrupts the
render; elsewhere (Windows, a worker thread) the render runs in a child process that is
terminated when the time is up. The function and its arguments must be picklable for that.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any

from dangjian.report.sandbox import RenderTimeout, ReportError

DEFAULT_SECONDS = 30.0
STARTUP_SECONDS = 60.0  # starting a child interpreter and importing the libraries


def can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def run_limited(func: Callable[..., Any], args: tuple, seconds: float = DEFAULT_SECONDS,
                isolate: bool = False) -> Any:
    """func(*args), or RenderTimeout(seconds) when it takes longer."""
    if not isolate and can_interrupt():
        return _with_timer(func, args, seconds)
    return _in_child(func, args, seconds)


def _with_timer(func: Callable[..., Any], args: tuple, seconds: float) -> Any:
    def expired(signum, frame) -> None:
        raise RenderTimeout(_shown(seconds))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return func(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _child(conn, func: Callable[..., Any], args: tuple) -> None:
    conn.send(("ready", None))  # the interpreter has started: the time limit runs from here
    try:
        conn.send(("ok", func(*args)))
    except ReportError as exc:
        conn.send(("error", str(exc)))
    except BaseException as exc:  # anything else still has to reach the parent as text
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _in_child(func: Callable[..., Any], args: tuple, seconds: float) -> Any:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, func, args), daemon=True)
    process.start()
    sender.close()
    try:
        status, value = _receive(receiver, STARTUP_SECONDS)
        if status == "ready":
            status, value = _receive(receiver, seconds)
    finally:
        if process.is_alive():
            process.terminate()
        process.join(5)
        receiver.close()
    if status == "error":
        raise ReportError(value)
    return value


def _receive(receiver, seconds: float) -> tuple[str, Any]:
    if not receiver.poll(seconds):
        raise RenderTimeout(_shown(seconds))
    try:
        return receiver.recv()
    except EOFError:
        raise ReportError("渲染进程意外退出") from None


def _shown(seconds: float) -> str:
    return f"{seconds:g}"
