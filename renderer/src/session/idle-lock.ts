import { useEffect, useRef } from 'react';
import { call, lastCallAnsweredAt } from '../client';

/** What counts as the clerk being at the desk. */
const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

export interface IdleWatch {
  /** When the user last moved the mouse or pressed a key (ms since epoch). */
  lastActivity(): number;
  stop(): void;
}

/**
 * Calls `onIdle` once after `timeoutMs` without mouse or keyboard activity. One timer, re-armed
 * lazily: activity only records a timestamp, the timer checks it when it fires (also correct
 * after the computer slept, since it compares clock times rather than counting ticks).
 */
export function watchIdle(timeoutMs: number, onIdle: () => void, target: Window = window): IdleWatch {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const onActivity = () => {
    last = Date.now();
  };
  const check = () => {
    if (stopped) return;
    const idleFor = Date.now() - last;
    if (idleFor >= timeoutMs) {
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, timeoutMs - idleFor);
    }
  };
  function stop() {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const event of ACTIVITY_EVENTS) target.removeEventListener(event, onActivity, true);
  }
  for (const event of ACTIVITY_EVENTS) target.addEventListener(event, onActivity, { capture: true, passive: true });
  timer = setTimeout(check, timeoutMs);
  return { lastActivity: () => last, stop };
}

/** How often the keep-alive looks whether the main side should hear that the user is still working. */
const KEEP_ALIVE_CHECK_MS = 60_000;

/**
 * While `active`, locks the screen after `idleMinutes` without activity (`onIdle`), and keeps the
 * main side's session alive while the user works without sending requests (typing a long form):
 * the main side only sees requests, so it would otherwise expire the session under a busy clerk.
 */
export function useIdleLock(active: boolean, idleMinutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!active || !(idleMinutes > 0)) return;
    const timeoutMs = idleMinutes * 60_000;
    const watch = watchIdle(timeoutMs, () => onIdleRef.current());
    // Ping at a third of the timeout (at most every 5 min) when there was activity since the last answer.
    const pingAfterMs = Math.min(timeoutMs / 3, 5 * 60_000);
    const keepAlive = setInterval(() => {
      const lastAnswer = lastCallAnsweredAt();
      if (watch.lastActivity() > lastAnswer && Date.now() - lastAnswer >= pingAfterMs) {
        // Any logged-in request refreshes the session; this is the cheapest one every role may make.
        call('auth.touch', {}).catch(() => undefined);
      }
    }, Math.min(KEEP_ALIVE_CHECK_MS, pingAfterMs));
    return () => {
      watch.stop();
      clearInterval(keepAlive);
    };
  }, [active, idleMinutes]);
}
