/**
 * 填入演示数据, asked for in the setup wizard: demo.fill needs an administrator's session, so the
 * wish waits in sessionStorage until the first administrator logs in (then it is used once).
 */
const KEY = 'ledger.demoWish';

export function rememberDemoWish(installationId: string): void {
  try {
    window.sessionStorage.setItem(KEY, installationId);
  } catch {
    // storage unavailable: the admin can still use 统计报表 → 填入演示数据
  }
}

/** The wish for this installation, removed as it is read (so it is acted on once). */
export function takeDemoWish(installationId: string): boolean {
  try {
    const value = window.sessionStorage.getItem(KEY);
    if (value === null) return false;
    window.sessionStorage.removeItem(KEY);
    return value === installationId;
  } catch {
    return false;
  }
}
