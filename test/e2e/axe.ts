import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe-core on the page as it is now against WCAG 2.2 AA: each violation as `rule: [targets]`, and how many checks
 * passed inside the widget (targets inside its shadow root are named through their host: proof axe looked inside).
 */
export async function axeReport(page: Page): Promise<{ violations: string[]; passedInWidget: number }> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { id: string; nodes: { target: unknown }[] }[];
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Result; passes: Result }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return {
      violations: result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`),
      passedInWidget: result.passes.flatMap((rule) => rule.nodes).filter((node) => JSON.stringify(node.target).includes('data-gongji-widget')).length,
    };
  });
}

/** axe-core's WCAG 2.2 AA violations on the page as it is now, each as `rule: [targets]`. */
export async function axeViolations(page: Page): Promise<string[]> {
  return (await axeReport(page)).violations;
}
