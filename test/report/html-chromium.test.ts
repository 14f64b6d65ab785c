/**
 * The HTML report in a real browser: headless Chromium (Debian's, installed by
 * scripts/ensure-chromium.sh) loads the file, and the test checks what a reader would see: no
 * console errors, nothing fetched, charts with a size, Chinese drawn with a real font, and a
 * screenshot that is not blank.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../domain/report/html.js';
import { buildCampaignReport } from '../../domain/report/model.js';
import type { ReportLanguage } from '../../domain/report/format.js';
import { closingInput, closingPlan } from '../domain/report/closing-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const MISSING = `Chromium is not installed at ${CHROMIUM}: run \`bash scripts/ensure-chromium.sh\` (as root) to install Debian's chromium and fonts-noto-cjk.`;

let dir: string;
let context: BrowserContext;
let started: Promise<void> | undefined;

/** Launched once for the file, by whichever block needs it first. */
function startBrowser(): Promise<void> {
  started ??= (async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    dir = await mkdtemp(join(tmpdir(), 'report-chromium-'));
    // A fresh profile each run: nothing cached or remembered from an earlier report.
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 900, height: 1200 },
    });
  })();
  return started;
}

afterAll(async () => {
  await context?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A machine without Chromium fails here, by name, rather than skipping the checks below.
it('finds Chromium', () => {
  expect(existsSync(CHROMIUM), MISSING).toBe(true);
});

interface Visit {
  errors: string[];
  requests: string[];
  screenshot: Buffer;
  charts: Array<{ title: string; width: number; height: number }>;
  charset: string;
  title: string;
  chineseDrawn: boolean;
}

async function visit(html: string, lang: ReportLanguage): Promise<Visit> {
  const file = join(dir, `report.${lang}.html`);
  await writeFile(file, html, 'utf8');
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const facts = await page.evaluate(async () => {
    const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { title: svg.querySelector('title')?.textContent ?? '', width: box.width, height: box.height };
    });
    // A missing glyph draws the same box for any character; a real CJK font draws 春 and 茶 differently.
    const font = getComputedStyle(document.body).fontFamily;
    const ink = (text: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const g = canvas.getContext('2d')!;
      g.font = `48px ${font}`;
      g.fillText(text, 4, 52);
      return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
    };
    await document.fonts.ready;
    return { charts, charset: document.characterSet, title: document.title, chineseDrawn: ink('春') !== ink('茶') && ink('春') !== ink('\u{10FFFD}') };
  });
  const screenshot = await page.screenshot({ fullPage: true, path: join(dir, `report.${lang}.png`) });
  await page.close();
  return { errors, requests, screenshot, ...facts };
}

/** Pixel statistics of a PNG, decoded by the browser itself. */
async function pixelStats(png: Buffer): Promise<{ width: number; height: number; colours: number; deviation: number }> {
  const page = await context.newPage();
  const stats = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const data = g.getImageData(0, 0, image.width, image.height).data;
    const colours = new Set<number>();
    let sum = 0;
    let squares = 0;
    const pixels = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const luminance = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      sum += luminance;
      squares += luminance * luminance;
      if (colours.size < 10_000) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    }
    const mean = sum / pixels;
    return { width: image.width, height: image.height, colours: colours.size, deviation: Math.sqrt(squares / pixels - mean * mean) };
  }, png.toString('base64'));
  await page.close();
  return stats;
}

describe.each(['zh-CN', 'en'] as const)('the %s HTML report in headless Chromium', (lang) => {
  let seen: Visit;

  beforeAll(async () => {
    await startBrowser();
    const plan = closingPlan({ name: '春季新茶上市 <script>alert(1)</script>' });
    seen = await visit(renderHtml(buildCampaignReport(closingInput({ plan })), lang), lang);
  }, 60_000);

  it('loads as UTF-8 with no console errors and no request beyond the file itself', () => {
    expect(seen.errors).toEqual([]);
    expect(seen.charset).toBe('UTF-8');
    expect(seen.title).toContain('春季新茶上市 <script>alert(1)</script>');
    expect(seen.requests).toHaveLength(1);
    expect(seen.requests[0]).toMatch(/^file:\/\/.*report\.[a-zA-Z-]+\.html$/);
  });

  it('draws every chart with a size', () => {
    expect(seen.charts).toHaveLength(5);
    for (const chart of seen.charts) {
      expect(chart.width, chart.title).toBeGreaterThan(100);
      expect(chart.height, chart.title).toBeGreaterThan(50);
    }
  });

  it('draws Chinese with a real font, not missing-glyph boxes', () => {
    expect(seen.chineseDrawn).toBe(true);
  });

  it('takes a screenshot that is not blank', async () => {
    const stats = await pixelStats(seen.screenshot);
    expect(stats.width).toBe(900);
    expect(stats.height).toBeGreaterThan(2000);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.deviation).toBeGreaterThan(10);
  });
});
