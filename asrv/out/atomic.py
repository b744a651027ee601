"""All outputs of one run appear together, or not at all, and replace the previous run's as a whole.

Every file is written into a fresh temporary folder beside `--out`; only when all are written
are they moved into place, with SIGINT, SIGTERM and SIGHUP deferred for those few renames, and
the previous run's files (listed in `.asrv-<command>.json`) that this run does not write again are
removed, so no stale report is left beside the new ones. A failure or a signal before that
removes the temporary folder and leaves the previous outputs untouched. An output that would
overwrite an input of the same run is refused before anything is written.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable

from ..findings import ERROR, Finding, InputError

_SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None)


class OutputError(InputError):
    """The outputs cannot be written (folder is a file, read-only, disk full): exit 2, nothing written."""


def output_error(directory: Path, message: str) -> OutputError:
    return OutputError([Finding("OUTPUT", ERROR, message, file=str(directory))])


def write_failed(directory: Path, name: str, exc: OSError) -> OutputError:
    """Output `name` could not be written, and why in words (a disk full, no permission)."""
    return output_error(directory, f"写入「{name}」失败：{_why(exc)}")


def _umask() -> int:
    old = os.umask(0o022)
    os.umask(old)
    return old


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP while writing: unwinds like Ctrl-C, so the temporary folder is removed."""


class InterruptedAfterWrite(KeyboardInterrupt):
    """A signal that came while the new set was moved into place: it was held until the set was
    complete, so the run stops with every output written (the message must not say otherwise)."""


class Outputs:
    def __init__(self, directory: str | Path, command: str, inputs: Iterable = (), manifest: bool = True):
        self.directory = Path(directory)
        self.command = command
        self._manifest = manifest  # a single file a clerk names (a template) leaves no list beside it
        self._inputs = {_identity(p) for p in inputs} - {None}
        self._tmp: Path | None = None
        # In the order written; a dict, as `in` a list of a district's 19,200 reports was quadratic.
        self._names: dict[str, None] = {}
        self._made: set[Path] = set()  # sub-folders of the temporary folder made so far
        self._handlers: dict = {}
        self._mode = 0o666 & ~_umask()

    # ---- writing into the temporary folder ----
    def _folder(self) -> Path:
        if self._tmp is None:
            d = self.directory
            if d.exists() and not d.is_dir():
                raise output_error(d, f"输出位置「{d}」是一个文件，不是文件夹；请用 --out 指定一个文件夹")
            parent = d.parent if str(d.parent) else Path(".")
            try:
                parent.mkdir(parents=True, exist_ok=True)
                self._tmp = Path(tempfile.mkdtemp(prefix=f".{d.name or 'asrv-out'}.asrv-tmp-", dir=parent))
            except OSError as exc:
                raise output_error(d, f"无法在「{parent}」中写入：{_why(exc)}") from None
        return self._tmp

    def claim(self, name: str) -> Path:
        """The temporary path of output `name` (which may hold a sub-folder, `东城小学/体测_三(2)班.html`),
        taken now and written by the caller, or by a process it forked, before `commit`. Created
        with open(), the file has the mode `write` gives (the umask's); no chmod follows."""
        target = self.directory / name
        if self._inputs and _identity(target) in self._inputs:
            raise output_error(self.directory, f"输出文件「{target}」是本次运行的输入文件，不能覆盖；请用 --out 另选文件夹")
        if name in self._names:
            raise ValueError(f"output {name} written twice")
        tmp = self._folder() / name
        if tmp.parent not in self._made:
            try:
                tmp.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise write_failed(self.directory, name, exc) from None
            self._made.add(tmp.parent)
        self._names[name] = None
        return tmp

    def write(self, name: str, writer: Callable[[Path], None]) -> Path:
        tmp = self.claim(name)
        try:
            writer(tmp)
            os.chmod(tmp, self._mode)
        except OSError as exc:
            raise write_failed(self.directory, name, exc) from None
        return self.directory / name

    def write_text(self, name: str, text: str) -> Path:
        return self.write(name, lambda p: p.write_text(text, encoding="utf-8"))

    # ---- moving the set into place ----
    def commit(self) -> list[Path]:
        if self._tmp is None:
            return []
        d, tmp = self.directory, self._tmp
        manifest = d / f".asrv-{self.command}.json"
        old = _listed(manifest) if self._manifest else []
        fresh = self._fresh_folders()
        for name in self._names:
            if _top(name) not in fresh and (d / name).is_dir():
                raise output_error(d, f"「{d / name}」是一个文件夹，无法写入同名的输出文件")
        held = self._hold_signals()
        complete = False
        moved: list[tuple[Path, Path | None]] = []   # (target, backup of what it replaced)
        backups = tmp / ".replaced"
        try:
            d.mkdir(parents=True, exist_ok=True)
            stale = [n for n in old if n not in self._names and (d / n).is_file()]
            for folder in sorted(fresh):
                os.replace(tmp / folder, d / folder)
                moved.append((d / folder, None))  # after the move: a folder there before is not ours to remove
            for name in [*self._names, *stale]:
                if _top(name) in fresh:
                    continue
                target, backup = d / name, None
                if target.exists():
                    backup = backups / name
                    backup.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, backup)
                # Listed before its own move: if that move fails, its backup is put back too.
                moved.append((target, backup))
                if name in self._names:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(tmp / name, target)
            if self._manifest:
                _write_manifest(manifest, list(self._names), self._mode)
            complete = True
        except OSError as exc:
            for target, backup in reversed(moved):  # put the previous outputs back as they were
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    target.unlink(missing_ok=True)
                if backup is not None and backup.exists():
                    os.replace(backup, target)
            raise output_error(d, f"移动输出文件失败：{_why(exc)}；原有文件未改动") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            self._tmp, self._made = None, set()
            _remove_empty(d, old)
            try:
                self._release(held)
            except KeyboardInterrupt:
                if complete:
                    raise InterruptedAfterWrite() from None
                raise
        return [d / n for n in self._names]

    def _fresh_folders(self) -> set[str]:
        """Sub-folders of this run's outputs that are not in --out yet: each moves in one rename,
        not a rename per file (a district's fitness run writes a hundred folders of 96 reports)."""
        tops = {_top(n) for n in self._names} - {None, ".replaced"}
        return {t for t in tops if not os.path.lexists(self.directory / t)}

    def discard(self) -> None:
        if self._tmp is not None:
            held = self._hold_signals()  # a second Ctrl-C must not stop the clean-up half-way
            try:
                shutil.rmtree(self._tmp, ignore_errors=True)
                self._tmp, self._made = None, set()
            finally:
                self._release(held)
        self._names = {}

    def _hold_signals(self):
        """Defer SIGINT, SIGTERM and SIGHUP until the set is in place. Python-level handlers, not
        a signal mask: a mask holds only this thread's signals, and numpy's worker threads would
        take them instead, while Python still runs the handler here, between two renames."""
        if threading.current_thread() is not threading.main_thread():
            return None
        pending: list[int] = []
        previous = {s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in _SIGNALS}
        return previous, pending

    @staticmethod
    def _release(held) -> None:
        if held is None:
            return
        previous, pending = held
        for s, h in previous.items():
            if h is not None:  # None: a handler not set from Python, which cannot be put back
                signal.signal(s, h)
        if pending:  # now act on the first signal as it would have been acted on
            s = pending[0]
            h = previous[s]
            if callable(h):
                h(s, None)
            elif h == signal.SIG_DFL:
                signal.raise_signal(s)

    def __enter__(self) -> "Outputs":
        if threading.current_thread() is threading.main_thread():
            for s in _SIGNALS:
                if s != signal.SIGINT:
                    self._handlers[s] = signal.signal(s, _raise_interrupted)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                try:
                    self.commit()
                except BaseException:
                    self.discard()
                    raise
            else:
                self.discard()
        finally:
            for s, h in self._handlers.items():
                signal.signal(s, h)
            self._handlers = {}


def _raise_interrupted(signum, frame):
    raise Interrupted()


def _top(name: str) -> str | None:
    """The first folder of an output's name, None for a file at the top."""
    return name.split("/", 1)[0] if "/" in name else None


def _identity(path) -> tuple | None:
    """The file a path names (through links, hard ones too), None where there is none: a stat, where
    resolving every folder of the path cost a district's thousands of reports a syscall each."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    # Some file systems give no inode number (0): there the resolved path has to do.
    return (st.st_dev, st.st_ino) if st.st_ino else (str(Path(path).resolve()),)


def _listed(manifest: Path) -> list[str]:
    try:
        names = json.loads(manifest.read_text("utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in names if isinstance(n, str) and ".." not in Path(n).parts and not Path(n).is_absolute()]


def _write_manifest(manifest: Path, names: list[str], mode: int) -> None:
    tmp = manifest.with_name(manifest.name + ".tmp")
    try:
        tmp.write_text(json.dumps({"files": names}, ensure_ascii=False, indent=1), encoding="utf-8")
        os.chmod(tmp, mode)
        os.replace(tmp, manifest)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written list beside the outputs
        raise


def _remove_empty(d: Path, old: list[str]) -> None:
    """Sub-folders the previous run wrote and this one emptied (a school no longer in the batch)."""
    for folder in sorted({(d / n).parent for n in old if "/" in n}, key=lambda p: -len(p.parts)):
        try:
            folder.rmdir()
        except OSError:
            pass


def _why(exc: OSError) -> str:
    import errno
    reasons = {errno.EACCES: "没有写入权限", errno.EROFS: "磁盘为只读", errno.ENOSPC: "磁盘已满",
               errno.ENAMETOOLONG: "文件名过长", errno.ENOTDIR: "路径中有同名的文件"}
    return reasons.get(exc.errno, exc.strerror or str(exc))
