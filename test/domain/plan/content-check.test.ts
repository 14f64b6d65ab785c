/** Content checked as the plan is validated: refusals are errors at the item's field, adaptations warnings. */
import { describe, expect, it } from 'vitest';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { EXAMPLES, MINIMAL, readRepoFile } from './plan-fixtures.js';

const minimal = readRepoFile(MINIMAL);
const STORY = '{ id: story, title: Story, body: A cup of spring tea., ';

describe('content in plan validation', () => {
  it.each(EXAMPLES)('%s validates, with what the builder adapted as warnings only', (file) => {
    const result = validatePlanText(readRepoFile(file), { lang: 'en' });
    expect(result.ok).toBe(true);
  });

  it('refuses a Douyin item with no video in both languages, at its media, with a fix', () => {
    const text = minimal.replace(`${STORY}media: [{ kind: video, url: "https://example.com/story.mp4" }, `, `${STORY}media: [`);
    const en = validatePlanText(text, { lang: 'en' });
    const zh = validatePlanText(text, { lang: 'zh-CN' });
    expect(en.ok ? [] : en.issues).toEqual([{
      rule: 'content-video-missing', path: 'content[0].media', line: 31, column: 60,
      message: "Content 'story': douyin publishes videos; this content has none.",
      fix: 'Add a video under media, e.g. media: [{ kind: video, url: … }].',
    }]);
    expect(zh.ok ? [] : zh.issues[0]).toMatchObject({ message: '内容“story”: douyin只能发布视频, 该内容没有视频。', fix: '请在 media 里加上视频, 例如 media: [{ kind: video, url: … }]。' });
  });

  it('warns, without failing the plan, when a title is cut for a channel, and leaves media a channel cannot take to the preview', () => {
    const text = minimal.replace('title: Story,', 'title: A very long story about the first tea of spring and the people who pick it by hand at dawn in the hills above the lake near the town,');
    const result = validatePlanText(text, { lang: 'en' });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings.map((w) => `${w.rule} ${w.path} ${w.line}`)).toEqual([
      'content-title-truncated content[0].title 31',
    ]);
    expect(result.warnings[0]!.message).toBe("Content 'story': The title was cut to 64 characters for wechat (it has 132); check that it still reads well.");
  });
});
