"""Every string of the checker page, in English and in Chinese.

>>> tr("zh", "check")
'检查'
>>> tr("en", "line", n=43)
'line 43'
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "TEXTS", "VERDICT_SYMBOLS", "tr", "verdict_word"]

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Check a worked solution",
        "intro": "Paste a hand calculation or upload a file, say what it solves, and press Check. "
                 "Every line is judged; rounding is told from real mistakes, and the first real "
                 "mistake is named. Nothing you send is stored.",
        "skip": "Skip to the result",
        "about": "What the solution is about",
        "problem": "Problem",
        "upload_spec": "A network spec I upload (TOML)",
        "spec_file": "Spec file (.toml), used with \u201ca network spec I upload\u201d",
        "solution": "Your solution",
        "text": "Paste the solution (plain text, Markdown or LaTeX)",
        "file": "Or upload a file (.md, .tex, .txt); it is used instead of the pasted text",
        "check": "Check",
        "result": "Result",
        "against": "Checked against: {title}",
        "nothing": "No line with mathematics (a relation with =) was found.",
        "summary": "{n} lines: {counts}.",
        "list_sep": ", ",
        "first_at": "First real mistake: line {line}.",
        "no_mistake": "No mistake found.",
        "open_lines": "{n} lines could not be judged.",
        "go_first": "Go to the first mistake",
        "line": "line {n}",
        "first": "first mistake",
        "source": "as written",
        "exact": "exact",
        "limits": "At most {kb} kB and {lines} lines; each line gets at most {seconds:g} s.",
        "error": "Not checked",
        "busy": "The checker is busy with other solutions. Try again in a few seconds.",
        "too_large": "The solution is too large: at most {kb} kB.",
        "request_too_large": "The request is too large: at most {kb} kB in all.",
        "too_many_lines": "The solution has {n} lines; at most {lines} are checked at once.",
        "spec_too_large": "The spec is too large: at most {kb} kB.",
        "empty": "There is no text to check: paste the solution or choose a file.",
        "unknown_problem": "Unknown problem '{id}'.",
        "did_you_mean": "Did you mean {names}?",
        "need_spec": "Choose a spec file (.toml) to check against, or choose another problem.",
        "bad_spec": "The spec cannot be used: {detail}",
        "bad_input": "The input cannot be used: {detail}",
        "not_text": "The file is not UTF-8 text.",
        "not_json": "Send the body as application/json.",
        "content_type": "Send the form as multipart/form-data or application/x-www-form-urlencoded.",
        "failed": "The check failed on the server. Try again; if it fails again, tell your teacher.",
        "lecture": "The lecture's worked example (backpropagation, 2-2-2 sigmoid network)",
        "circuit": "The computation-graph example f = 1/(1+exp(-(w0\u00b7x0+w1\u00b7x1+w2)))",
        "identities": "Identities and derivations (no numbers given)",
        "variant": "{title}: variant {index} ({folder})",
        "footer": "symnn {version}. Verdicts: correct, rounding (the writer's own rounded numbers give "
                  "it), arithmetic and formula (real mistakes), unknown, not read, not judged.",
        "verdict.correct": "correct",
        "verdict.rounding": "rounding",
        "verdict.arithmetic": "arithmetic mistake",
        "verdict.formula": "wrong formula",
        "verdict.unknown": "unknown name",
        "verdict.unparsed": "not read",
        "verdict.too complex": "not judged (too complex)",
    },
    "zh": {
        "title": "检查解题过程",
        "intro": "粘贴手算过程或上传文件，选择题目，然后点击“检查”。每一行都会被判断；"
                 "区分舍入误差与真正的错误，并指出第一个真正的错误。提交的内容不会被保存。",
        "skip": "跳到结果",
        "about": "解题过程对应的题目",
        "problem": "题目",
        "upload_spec": "上传网络规格文件 (TOML)",
        "spec_file": "规格文件 (.toml)，与“上传网络规格文件”一起使用",
        "solution": "解题过程",
        "text": "粘贴解题过程（纯文本、Markdown 或 LaTeX）",
        "file": "或上传文件 (.md, .tex, .txt)；上传的文件将代替粘贴的文本",
        "check": "检查",
        "result": "结果",
        "against": "题目：{title}",
        "nothing": "没有找到含数学关系式（带 =）的行。",
        "summary": "共 {n} 行：{counts}。",
        "list_sep": "，",
        "first_at": "第一个真正的错误：第 {line} 行。",
        "no_mistake": "没有发现错误。",
        "open_lines": "{n} 行未能判断。",
        "go_first": "转到第一个错误",
        "line": "第 {n} 行",
        "first": "第一个错误",
        "source": "原文",
        "exact": "精确值",
        "limits": "最多 {kb} kB、{lines} 行；每行最多判断 {seconds:g} 秒。",
        "error": "未检查",
        "busy": "检查器正忙于其他解答，请几秒钟后再试。",
        "too_large": "解题过程太大：最多 {kb} kB。",
        "request_too_large": "请求太大：总共最多 {kb} kB。",
        "too_many_lines": "解题过程有 {n} 行；一次最多检查 {lines} 行。",
        "spec_too_large": "规格文件太大：最多 {kb} kB。",
        "empty": "没有可检查的文本：请粘贴解题过程或选择文件。",
        "unknown_problem": "未知题目“{id}”。",
        "did_you_mean": "是否指 {names}？",
        "need_spec": "请选择用于检查的规格文件 (.toml)，或选择其他题目。",
        "bad_spec": "规格文件无法使用：{detail}",
        "bad_input": "输入无法使用：{detail}",
        "not_text": "文件不是 UTF-8 文本。",
        "not_json": "请以 application/json 发送请求内容。",
        "content_type": "请以 multipart/form-data 或 application/x-www-form-urlencoded 提交表单。",
        "failed": "服务器上的检查失败。请重试；如果仍然失败，请告诉老师。",
        "lecture": "课堂例题（反向传播，2-2-2 sigmoid 网络）",
        "circuit": "计算图例题 f = 1/(1+exp(-(w0\u00b7x0+w1\u00b7x1+w2)))",
        "identities": "恒等式与推导（没有给定数值）",
        "variant": "{title}：题目 {index}（{folder}）",
        "footer": "symnn {version}。判断结果：正确、舍入误差（由作者自己舍入的数值得到）、"
                  "计算错误与公式错误（真正的错误）、未知符号、无法读取、未判断。",
        "verdict.correct": "正确",
        "verdict.rounding": "舍入误差",
        "verdict.arithmetic": "计算错误",
        "verdict.formula": "公式错误",
        "verdict.unknown": "未知符号",
        "verdict.unparsed": "无法读取",
        "verdict.too complex": "过于复杂，未判断",
    },
}

LANGUAGES = tuple(TEXTS)

#: a sign beside each verdict's word, so that the verdict does not rest on colour alone
VERDICT_SYMBOLS = {"correct": "\u2713", "rounding": "\u2248", "arithmetic": "\u2717", "formula": "\u2717",
                   "unknown": "?", "unparsed": "?", "too complex": "\u231b"}


def tr(lang: str, key: str, **fields) -> str:
    """The text ``key`` in ``lang`` with ``fields`` filled in."""
    text = TEXTS[lang][key]
    return text.format(**fields) if fields else text


def verdict_word(lang: str, verdict: str) -> str:
    """The verdict as a word of the page (``arithmetic`` -> ``arithmetic mistake``)."""
    return TEXTS[lang].get(f"verdict.{verdict}", verdict)
