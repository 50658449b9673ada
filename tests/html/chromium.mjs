// Headless Chromium as every HTML checker here starts it: its own profile
// (made under the system's temporary folder), no network services, no
// sandbox (CI runs as root).  The caller closes the context and removes
// the profile.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'bp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return { context, profile };
}
