"""The words `giocheck serve` answers with from Python: each refused request's one line, the
command's own refusals, and the API's descriptions (the page's words are in serve/static/)."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "api": (
        "检查政府信息公开工作年度报告",
        "check government information disclosure annual reports",
    ),
    "field_file": ("报告文件", "the report file"),
    "field_previous": ("上年报告", "last year's"),
    "no_output": ("没有输出格式 {output}（可用：{known}）", "no output format {output} (known: {known})"),
    "no_rule": ("没有规则 {rule}", "no rule {rule}"),
    "media": (
        "请以 multipart/form-data 上传文件（字段 file），或以 application/json 提交报告数据",
        "send the file as multipart/form-data (field `file`), or the report data as application/json",
    ),
    "no_file": ("缺少上传文件（表单字段 file）", "no file uploaded (form field `file`)"),
    "bad_kind": ("agency_kind 应为 {known} 之一", "agency_kind must be one of {known}"),
    "bad_level": ("agency_level 应为 {known} 之一", "agency_level must be one of {known}"),
    "bad_published": ("published 应为日期 YYYY-MM-DD：{value}", "published must be a date YYYY-MM-DD: {value}"),
    "bad_lang": ("lang 应为 zh 或 en", "lang must be zh or en"),
    "busy": (
        "服务繁忙：检查进程都在工作且排队已满，请稍后重试",
        "busy: every worker is checking and the queue is full; try again shortly",
    ),
    "over_budget": ("检查超过时限（{limit} 秒），已停止", "checking took longer than {limit} s and was stopped"),
    "invalid": ("请求有误：{where} {message}", "invalid request: {where} {message}"),
    "not_found": ("没有这个地址：{path}", "not found: {path}"),
    "bad_request": ("请求有误：{detail}", "bad request: {detail}"),
    "internal": (
        "服务器内部错误，未能检查；请把请求编号 {request_id} 告诉管理员",
        "internal server error, not checked; give the administrator the request id {request_id}",
    ),
    "too_large": (
        "上传的文件超过 {size} 的上限，未检查；请压缩图片或拆分文件后再试",
        "the upload is larger than the {size} limit and was not checked",
    ),
    "needs_extra": (
        "giocheck serve 需要安装扩展：pip install 'giocheck[serve]'（缺少 {module}）",
        "giocheck serve needs its extra: pip install 'giocheck[serve]' ({module} is missing)",
    ),
    "bad_settings": (
        "--max-upload-mb 与 --timeout 至少为 1，--port 在 1 到 65535 之间",
        "--max-upload-mb and --timeout must be at least 1, --port between 1 and 65535",
    ),
}
