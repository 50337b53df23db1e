"""One observation: run a learner's entry point on given inputs under one start method, in a child.

The trusted side never imports the learner's module. It gets back what the
child reported over the authenticated channel, checked against how the
child really ended. Anything that is not a clean, authenticated report is
an observation with `status == "no-verdict"` and the reason why: the grader
fails closed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import GraderError
from grader.sandbox.bootstrap import LEARNER_FILE_ENV, SITE_DIR
from grader.sandbox.channel import VerifiedRecords, is_end_line, new_key, verify
from grader.sandbox.limits import Limits
from grader.sandbox.supervisor import SupervisedRun, call_command, run_supervised

STATUSES = ("returned", "raised", "exited", "import-error", "missing-entry", "unserialisable", "no-verdict")


@dataclass
class Observation:
    status: str
    start_method: str
    value: Any = None  # the entry point's return value, when status == "returned"
    error: dict[str, Any] | None = None  # type, message, line (in the learner's file)
    reason: str | None = None  # why there is no verdict, or how the program exited
    run: SupervisedRun | None = None
    records: VerifiedRecords = field(default_factory=VerifiedRecords)
    learner_file: str | None = None

    @property
    def output(self) -> str:
        return self.run.output if self.run else ""

    @property
    def calls(self) -> list[dict[str, Any]]:
        """The multiprocessing calls the learner's code made, in time order across processes."""
        return sorted(self.records.of_kind("call"), key=lambda r: r.get("t", 0.0))


def observe(learner_file: Path, entry: str, inputs: dict[str, Any], start_method: str,
            limits: Limits | None = None) -> Observation:
    learner_file = learner_file.resolve()
    key = new_key()
    with tempfile.TemporaryDirectory(prefix="prep-observe-") as folder:
        scratch = Path(folder)
        result_path = scratch / "result.json"
        request = scratch / "request.json"
        request.write_text(json.dumps({
            "file": str(learner_file), "module": learner_file.stem, "entry": entry, "inputs": inputs,
            "start_method": start_method, "result_path": str(result_path),
        }))
        env = dict(os.environ)
        env[LEARNER_FILE_ENV] = str(learner_file)
        env["PYTHONPATH"] = str(SITE_DIR)
        run = run_supervised(call_command(request), limits, cwd=scratch, env=env, is_end_record=is_end_line,
                             key=key)
        result = result_path.read_bytes() if result_path.exists() else None
    observation = judge(run, verify(key, run.records), result, start_method)
    observation.learner_file = str(learner_file)
    return observation


def judge(run: SupervisedRun, records: VerifiedRecords, result: bytes | None, start_method: str) -> Observation:
    """What the run says, if it says it cleanly; otherwise a no-verdict with the reason."""
    def no_verdict(reason: str) -> Observation:
        return Observation("no-verdict", start_method, reason=reason, run=run, records=records)

    ends = records.of_kind("end")
    if not records.of_kind("start") and not records.rejected and not run.flooded:
        # The start record is sent after the sandbox is set up and before the learner's module is
        # imported: without it, no learner code ran, and the failure is the grader's own.
        raise GraderError(SANDBOX_FAILED.format(code=run.returncode, errors=run.errors.strip()[-1500:]))
    if records.rejected:
        return no_verdict(FORGED.format(count=len(records.rejected)))
    if len(ends) > 1:
        return no_verdict(SEVERAL_ENDS)
    if run.flooded:
        return no_verdict(FLOOD)
    if not ends:
        if run.timed_out:
            return no_verdict(TIMED_OUT.format(seconds=f"{run.duration_s:.1f}"))
        if run.returncode is not None and run.returncode < 0:
            return no_verdict(KILLED.format(signal=-run.returncode))
        return no_verdict(NO_END.format(code=run.returncode))
    end = ends[0]
    status = end.get("status")
    if status not in STATUSES:
        return no_verdict(NO_END.format(code=run.returncode))
    if status == "returned":
        if result is None or hashlib.sha256(result).hexdigest() != end.get("result_sha256"):
            return no_verdict(RESULT_TAMPERED)
        value = json.loads(result)["value"]
        return Observation("returned", start_method, value=value, run=run, records=records,
                           reason=EXIT_HUNG if run.exit_hung else None)
    reason = None
    if status == "exited":
        reason = EXITED.format(code=end.get("code"), phase=end.get("phase"))
    elif status == "missing-entry":
        reason = MISSING_ENTRY.format(entry=end.get("entry"))
    elif status == "unserialisable":
        reason = UNSERIALISABLE.format(type=end.get("type"))
    return Observation(status, start_method, error=end.get("error"), reason=reason, run=run, records=records)


SANDBOX_FAILED = "grader error: the sandbox failed before running the learner's code (exit {code}):\n{errors}"
FORGED = "{count} line(s) on the grader's channel were not written by the grader: no verdict can be trusted."
SEVERAL_ENDS = "the program reported its end more than once."
FLOOD = "the program printed too much output and was stopped."
TIMED_OUT = "the program did not finish within {seconds} s."
KILLED = "the program was killed by signal {signal} before reporting a result."
NO_END = "the program ended (exit code {code}) without reporting a result."
RESULT_TAMPERED = "the result file does not match what the program reported."
EXIT_HUNG = "the function returned, but the program could not exit afterwards (a process or queue left open)."
EXITED = "the program called exit ({code}) during the {phase} instead of returning."
MISSING_ENTRY = "the file has no function named {entry}."
UNSERIALISABLE = "the function returned a {type}, which is not plain data (list, dict, str, number)."
