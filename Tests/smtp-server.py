#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for the end-to-end tests of `reclam send` (aiosmtpd).

Every message accepted is written to one file, SPOOL/<n>.msg, and fsynced *before* the 250
answer is sent, so the spool is what the server took responsibility for: the envelope as JSON
on the first line, then the bytes received (dot-unstuffed). One file and one fsync per message,
as a real MTA's queue does (Postfix's cleanup writes the envelope and the content into one queue
file and fsyncs it before its 250). Faults are read from FAULTS (JSON) at each command, so a test can
change them while the server runs:

  {"rcpt_550": ["addr", ...]}        refuse these recipients for good
  {"data_421": N}                    answer 421 to the end of the next N messages (not kept)
  {"drop_on_data": N}                close the connection on the next N DATA commands
  {"drop_after_dot": N}              keep the next N messages, then close without answering

Usage: smtp-server.py --port P --spool DIR --faults FILE [--cert C --key K --user U --password W]
With --port 0 a free port is chosen. Prints "ready PORT" on standard output once it accepts connections.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def load_faults(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def take_fault(path, name):
    """Decrements counter `name` in the faults file; True when it was positive."""
    faults = load_faults(path)
    count = int(faults.get(name, 0))
    if count <= 0:
        return False
    faults[name] = count - 1
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(faults, f)
    os.replace(tmp, path)
    return True


class Handler:
    def __init__(self, spool, faults):
        self.spool = spool
        self.faults = faults
        self.counter = len([n for n in os.listdir(spool) if n.endswith(".msg")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in load_faults(self.faults).get("rcpt_550", []):
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if take_fault(self.faults, "data_421"):
            # 421 closes the session: answer, then hang up.
            asyncio.get_running_loop().call_later(0.05, server.transport.close)
            return "421 4.3.0 Service busy, try again later"
        self.counter += 1
        name = "%06d" % self.counter
        envelope_json = json.dumps({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
                                    "auth": session.authenticated, "peer": session.peer[0], "port": session.peer[1],
                                    "at": time.time()})
        tmp = os.path.join(self.spool, "." + name + ".msg")
        with open(tmp, "wb") as f:
            f.write(envelope_json.encode() + b"\n" + envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(self.spool, name + ".msg"))
        if take_fault(self.faults, "drop_after_dot"):
            server.transport.close()
            return "250 never seen"
        # A slow server, so that a kill can land between two deliveries of one run.
        delay = float(load_faults(self.faults).get("delay_ms", 0))
        if delay > 0:
            await asyncio.sleep(delay / 1000)
        return "250 2.0.0 Ok: queued as Q%s" % name


class FaultySMTP(SMTP):
    async def smtp_DATA(self, arg):
        if take_fault(self.event_handler.faults, "drop_on_data"):
            self.transport.close()
            return
        await super().smtp_DATA(arg)


class FaultyController(Controller):
    def __init__(self, handler, tls, user, password, **kwargs):
        self.tls = tls
        self.user = user
        self.password = password
        super().__init__(handler, **kwargs)

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == self.user \
            and auth_data.password.decode() == self.password
        return AuthResult(success=ok, handled=False)

    def factory(self):
        return FaultySMTP(
            self.handler, hostname="reclam-test", tls_context=self.tls, require_starttls=self.tls is not None,
            auth_required=self.user is not None, auth_require_tls=True,
            authenticator=self.authenticate if self.user is not None else None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spool", required=True)
    parser.add_argument("--faults", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    os.makedirs(args.spool, exist_ok=True)
    port = args.port
    if port == 0:
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
    controller = FaultyController(Handler(args.spool, args.faults), tls, args.user, args.password,
                                  hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    print("ready %d" % port, flush=True)
    try:
        sys.stdin.read()  # runs until the test closes standard input or kills it
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
