/**
 * The words the sentiment scorer knows, with weights from −3 (垃圾, scam) to +3 (绝绝子, amazing).
 * Chosen for what people write under marketing posts: product, price, service, delivery, and the
 * internet slang of Xiaohongshu and Weibo. Phrases that contain a negator but mean one thing
 * (不错 is praise, 不满 a complaint, 不但 "not only") are entries of their own, so the longest match
 * reads them whole and the negation rule never sees their 不. Intensified forms (很好, 太贵) are not
 * entries: 很 and 太 are read as intensifiers, so 不是很好 can be read as the mild complaint it is.
 */

export const CHINESE_TERMS: Readonly<Record<string, number>> = {
  // Praise
  好: 1.5, 好喝: 2, 好吃: 2, 好用: 2, 好看: 2, 好评: 2.5, 喜欢: 2, 爱了: 2.5, 超爱: 2.5, 推荐: 1.5,
  满意: 2, 惊喜: 2, 不错: 1.5, 棒: 2, 赞: 2, 点赞: 1.5, 完美: 3, 优秀: 2, 值得: 1.5, 值: 1, 划算: 1.5, 实惠: 1.5,
  物美价廉: 2.5, 清香: 1.5, 回甘: 1.5, 香: 1, 新鲜: 1.5, 舒服: 1.5, 开心: 2, 感谢: 1.5, 谢谢: 1, 支持: 1.5,
  回购: 2, 种草: 1.5, 绝绝子: 3, 宝藏: 2, 神仙: 2, 靠谱: 2, 专业: 1.5, 贴心: 2, 及时: 1, 耐心: 1.5, 好物: 2, 给力: 2,
  // Complaints
  差: -2, 差评: -2.5, 垃圾: -3, 难喝: -2, 难吃: -2, 难用: -2, 难看: -2, 失望: -2, 后悔: -2,
  生气: -2, 愤怒: -2.5, 恶心: -2.5, 骗: -2.5, 骗子: -3, 骗人: -3, 欺骗: -3, 投诉: -2, 退款: -1.5, 退货: -1.5,
  维权: -2.5, 曝光: -1.5, 假货: -3, 智商税: -2.5, 割韭菜: -2.5, 踩雷: -2, 避雷: -2, 翻车: -2, 拔草: -1, 坑人: -2.5,
  贵: -1, 不值: -2, 不满: -2, 不好: -1.5, 不行: -1.5, 不推荐: -2, 没用: -1.5, 没效果: -2,
  没有效果: -2, 慢: -1, 变质: -2.5, 发霉: -3, 过期: -2.5, 异物: -2.5, 敷衍: -2, 态度差: -2.5, 无语: -1.5, 离谱: -2,
  糟糕: -2, 烂: -2, 不理人: -2.5, 质量问题: -2, 问题: -1, 拉黑: -2, 呵呵: -1, 破损: -2, 漏发: -2, 不会再买: -2.5,
  再也不买: -2.5, 没毛病: 1.5, 无添加: 1.5, 宝贵: 1.5,
};

export const ENGLISH_TERMS: Readonly<Record<string, number>> = {
  good: 1.5, great: 2, excellent: 2.5, amazing: 2.5, awesome: 2.5, love: 2, loved: 2, like: 1.5, liked: 1.5, nice: 1.5,
  perfect: 3, recommend: 1.5, recommended: 1.5, helpful: 1.5, happy: 2, thanks: 1, thank: 1, useful: 1.5,
  worth: 1.5, yyds: 3, fresh: 1.5, delicious: 2, tasty: 2, best: 2, fantastic: 2.5, impressive: 2, clear: 1, insightful: 2,
  bad: -2, terrible: -3, awful: -3, horrible: -3, worst: -3, hate: -2.5, hated: -2.5, disappointed: -2,
  disappointing: -2, useless: -2, broken: -2, scam: -3, fraud: -3, fake: -2.5, refund: -1.5, complaint: -2,
  complain: -2, angry: -2.5, annoying: -2, poor: -2, rude: -2.5, slow: -1, expensive: -1, overpriced: -2,
  waste: -2, wasted: -2, boring: -1.5, misleading: -2.5, spam: -2, unsubscribe: -1, problem: -1, issue: -1, bug: -1,
};

/** Emoji as people use them in comments; ambiguous ones (😂, 😭 read as "so moved" in Chinese) are left out. */
export const EMOJI_TERMS: Readonly<Record<string, number>> = {
  '👍': 2, '👏': 1.5, '❤': 2, '😍': 2.5, '🥰': 2, '😊': 1.5, '😄': 1.5, '🎉': 1.5, '💯': 2, '🔥': 1, '✨': 1, '🙏': 1,
  '👎': -2, '😡': -3, '😠': -2.5, '🤬': -3, '🤮': -3, '💩': -2.5, '🙄': -1.5, '😤': -1.5, '😞': -1.5, '😢': -1, '💔': -2,
};

export const CHINESE_NEGATORS: ReadonlySet<string> = new Set(['不', '没', '没有', '别', '无', '毫无', '并不', '从不', '不是', '不会', '未']);
export const ENGLISH_NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'none', 'nothing', 'hardly', 'without', 'nor']);

/** Multipliers: above 1 strengthens (很, very), below 1 softens (有点, a bit). */
export const CHINESE_INTENSIFIERS: Readonly<Record<string, number>> = {
  很: 1.5, 非常: 1.8, 强烈: 1.8, 太: 1.6, 超: 1.6, 超级: 1.8, 特别: 1.6, 真: 1.3, 真的: 1.3, 十分: 1.6, 极其: 2, 最: 1.8, 巨: 1.6,
  贼: 1.5, 好: 1.3, 这么: 1.3, 那么: 1.3, 实在: 1.4, 有点: 0.6, 有些: 0.6, 稍微: 0.5, 略: 0.6, 还算: 0.7, 比较: 0.8,
};
export const ENGLISH_INTENSIFIERS: Readonly<Record<string, number>> = {
  very: 1.5, so: 1.4, really: 1.4, extremely: 1.8, super: 1.6, too: 1.4, totally: 1.6, absolutely: 1.8, quite: 1.2,
  incredibly: 1.8, highly: 1.6, bit: 0.6, slightly: 0.5, somewhat: 0.6, kinda: 0.7, rather: 0.9,
};

/** After "but" the writer's real view follows: what comes before counts less, what follows more. */
export const CHINESE_CONTRASTS: ReadonlySet<string> = new Set(['但是', '但', '可是', '不过', '然而']);
export const ENGLISH_CONTRASTS: ReadonlySet<string> = new Set(['but', 'however', 'though', 'although', 'yet']);

/** Words that contain a negator but negate nothing, read whole so their 不/没 is not taken as one. */
export const CHINESE_NEUTRAL: ReadonlySet<string> = new Set(['不但', '不仅', '没想到', '不得不', '无论', '不管', '差不多', '不一定', '差点', '慢慢', '价值']);
