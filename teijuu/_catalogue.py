"""The texts of :mod:`teijuu.messages`: ``key: (English, Japanese)``, with named parameters.

English keeps the wording teijuu has always printed (tools and goldens read it); Japanese is
written as planners write: names as printed in 「」, fiscal years as 2024年度 (the ``fy``
parameters are :func:`teijuu.messages.fy`), and what would be right as 「〜してください」.
"""

from __future__ import annotations

from typing import Final

FINDINGS: Final[dict[str, tuple[str, str]]] = {
    # --- reading files (loading.py, validate.py) ---
    "io-error/missing": (
        "no such file or directory",
        "そのファイルまたはフォルダはありません",
    ),
    "io-error/unreadable": (
        "{reason}",
        "読み込めません（{reason}）",
    ),
    "io-error/unwritable": (
        "cannot write: {reason}",
        "書き込めません（{reason}）",
    ),
    "io-error/loop": (
        "directory reached twice (a symlink loop?); skipped",
        "同じフォルダに二度たどり着きました（シンボリックリンクの輪？）。読み飛ばしました",
    ),
    "io-error/link-out": (
        "a symbolic link that leads out of {root}; not read: plans are read only within the "
        "folder given (copy the file in, or link within it)",
        "{root} の外へ出るシンボリックリンクのため、読みません。プランは指定したフォルダの中"
        "だけを読みます（ファイルをコピーするか、フォルダの中でリンクしてください）",
    ),
    "no-plans/empty-directory": (
        "no plan files (*.yaml, *.yml) in this directory",
        "このフォルダにプランのファイル（*.yaml, *.yml）がありません",
    ),
    "encoding/not-utf8": (
        "not valid UTF-8 (byte {byte}); save it as UTF-8",
        "UTF-8として読めません（{byte}バイト目）。UTF-8で保存してください",
    ),
    "encoding/utf-16": (
        "not valid UTF-8 (byte {byte}); it is UTF-16 (it starts with its byte order mark); "
        "save it as UTF-8 in your editor, or convert it with "
        "`iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`",
        "UTF-8として読めません（{byte}バイト目）。UTF-16で保存されています（先頭にその印が"
        "あります）。エディタでUTF-8として保存し直すか、"
        "`iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8` で変換してください",
    ),
    "encoding/shift-jis": (
        "not valid UTF-8 (byte {byte}); it looks like Shift_JIS (CP932); convert it with "
        "`iconv -f CP932 -t UTF-8 FILE > FILE.utf8` or save it as UTF-8 in your editor",
        "UTF-8として読めません（{byte}バイト目）。Shift_JIS（CP932）のようです。"
        "エディタでUTF-8として保存し直すか、`iconv -f CP932 -t UTF-8 FILE > FILE.utf8` "
        "で変換してください",
    ),
    # --- reading YAML (yamlio.py) ---
    "yaml-syntax/parse": ("{context} {problem}{tab}", "{problem}{context}{tab}"),
    "yaml-syntax/parse-bare": ("{problem}{tab}", "{problem}{tab}"),
    "yaml-syntax/tab": (
        " (a tab: YAML is indented with spaces only)",
        "（タブがあります。YAMLの字下げには空白だけを使います）",
    ),
    "yaml-syntax/unknown": ("{problem}", "YAMLとして読めません（{problem}）"),
    "yaml-syntax/unknown-context": ("{context}", "（読んでいた箇所：{context}）"),
    "yaml-syntax/character": (
        "the character U+{code_point:04X} is not allowed in YAML (control characters are not); "
        "is the file UTF-8 text?",
        "U+{code_point:04X} の文字はYAMLでは使えません（制御文字は使えません）。"
        "ファイルがUTF-8のテキストか確かめてください",
    ),
    # libyaml's own words (and PyYAML's where they are fixed), by their English, which is
    # libyaml's exactly: yamlio looks each problem and context up here; one not here is kept
    # in English, in brackets (yaml-syntax/unknown, yaml-syntax/unknown-context)
    "yaml-syntax/problem/flow-sequence": (
        "did not find expected ',' or ']'",
        "「,」か「]」がありません。[ ] の一覧は項目を「,」で区切り、「]」で閉じてください",
    ),
    "yaml-syntax/problem/flow-mapping": (
        "did not find expected ',' or '}}'",
        "「,」か「}}」がありません。{{ }} のマッピングは「キー: 値」を「,」で区切り、"
        "「}}」で閉じてください",
    ),
    "yaml-syntax/problem/mapping-values": (
        "mapping values are not allowed in this context",
        "ここには「キー: 値」を書けません。値の中に「: 」があるなら値を引用符で囲み、"
        "そうでなければ字下げを確かめてください",
    ),
    "yaml-syntax/problem/mapping-values-here": (
        "mapping values are not allowed here",
        "ここには「キー: 値」を書けません。値の中に「: 」があるなら値を引用符で囲み、"
        "そうでなければ字下げを確かめてください",
    ),
    "yaml-syntax/problem/simple-key": (
        "could not find expected ':'",
        "キーの後の「:」がありません。「キー: 値」と書くか、前の行の続きなら字下げを"
        "確かめてください",
    ),
    "yaml-syntax/problem/cannot-start": (
        "found character that cannot start any token",
        "値の始めに使えない文字（タブ、「@」「`」など）があります。タブは空白にし、"
        "記号で始まる値は引用符で囲んでください",
    ),
    "yaml-syntax/problem/expected-key": (
        "did not find expected key",
        "キーがあるべきところにありません。同じマッピングのキーは字下げをそろえてください",
    ),
    "yaml-syntax/problem/expected-dash": (
        "did not find expected '-' indicator",
        "一覧の項目（「- 」）があるべきところにありません。同じ一覧の項目は字下げを"
        "そろえてください",
    ),
    "yaml-syntax/problem/node-content": (
        "did not find expected node content",
        "値があるべきところにありません。「,」「]」「}}」などの記号で始まる値は引用符で"
        "囲んでください",
    ),
    "yaml-syntax/problem/tag-handle": (
        "found undefined tag handle",
        "定義されていないタグ（!…!）があります。プランのファイルではタグを使いません",
    ),
    "yaml-syntax/problem/end-of-stream": (
        "found unexpected end of stream",
        "引用符が閉じられないままファイルが終わっています。文字列を囲む引用符を閉じてください",
    ),
    "yaml-syntax/problem/document-indicator": (
        "found unexpected document indicator",
        "引用符の中の行頭に文書の区切り（--- か ...）があります。引用符を閉じてください",
    ),
    "yaml-syntax/problem/escape": (
        "found unknown escape character",
        "ダブルクォートの中に使えない「\\」の書き方があります。「\\」そのものは「\\\\」と"
        "書くか、文字列をシングルクォートで囲んでください",
    ),
    "yaml-syntax/problem/anchor-name": (
        "did not find expected alphabetic or numeric character",
        "「&」か「*」の後に名前がありません。「&」「*」で始まる値は引用符で囲んでください",
    ),
    "yaml-syntax/problem/undefined-alias": (
        "found undefined alias",
        "定義されていないエイリアス（*名前）があります。「*」で始まる値は引用符で囲んでください",
    ),
    "yaml-syntax/problem/tab-indent": (
        "found a tab character where an indentation space is expected",
        "字下げにタブがあります。空白にしてください",
    ),
    "yaml-syntax/problem/tab-violates": (
        "found a tab character that violates indentation",
        "字下げにタブがあります。空白にしてください",
    ),
    "yaml-syntax/problem/document-start": (
        "did not find expected <document start>",
        "文書の始まり（---）があるべきところにありません。「%」で始まる行を確かめてください",
    ),
    "yaml-syntax/problem/another-document": (
        "but found another document",
        "「---」の後に二つ目の文書があります。文書を一つにしてください",
    ),
    "yaml-syntax/problem/yaml-version": (
        "found incompatible YAML document",
        "このYAMLのバージョンは読めません。「%YAML」の行を消してください",
    ),
    "yaml-syntax/problem/indentation-zero": (
        "found an indentation indicator equal to 0",
        "「|」「>」の後の字下げの幅に0は使えません。1〜9にするか、数字を書かないでください",
    ),
    "yaml-syntax/problem/line-break": (
        "did not find expected comment or line break",
        "ここには改行かコメント（#）しか書けません",
    ),
    "yaml-syntax/problem/directive-name": (
        "could not find expected directive name",
        "「%」の後にディレクティブの名前がありません。「%」で始まる値は引用符で囲んでください",
    ),
    "yaml-syntax/problem/document-separator": (
        "found unexpected document separator",
        "引用符の中の行頭に文書の区切り（--- か ...）があります。引用符を閉じてください",
    ),
    "yaml-syntax/problem/duplicate-anchor": (
        "second occurrence",
        "同じ名前のアンカー（&名前）が二度あります。プランのファイルではアンカーを使いません",
    ),
    "yaml-syntax/problem/duplicate-yaml": (
        "found duplicate %YAML directive",
        "「%YAML」の行が二つあります。プランのファイルには要りません。消してください",
    ),
    "yaml-syntax/problem/duplicate-tag": (
        "found duplicate %TAG directive",
        "同じタグの「%TAG」の行が二つあります。プランのファイルではタグを使いません",
    ),
    "yaml-syntax/problem/tag-uri": (
        "did not find URI escaped octet",
        "タグの書き方が正しくありません。プランのファイルではタグを使いません",
    ),
    "yaml-syntax/problem/tag-end": (
        "did not find the expected '>'",
        "タグの書き方が正しくありません（「>」がありません）。プランのファイルではタグを使いません",
    ),
    "yaml-syntax/context/flow-sequence": (
        "while parsing a flow sequence",
        "（[ ] の一覧を読む途中）",
    ),
    "yaml-syntax/context/flow-mapping": (
        "while parsing a flow mapping",
        "（{{ }} のマッピングを読む途中）",
    ),
    "yaml-syntax/context/block-mapping": (
        "while parsing a block mapping",
        "（マッピングを読む途中）",
    ),
    "yaml-syntax/context/block-collection": (
        "while parsing a block collection",
        "（「- 」の一覧を読む途中）",
    ),
    "yaml-syntax/context/simple-key": ("while scanning a simple key", "（キーを読む途中）"),
    "yaml-syntax/context/next-token": (
        "while scanning for the next token",
        "（次の記号を読む途中）",
    ),
    "yaml-syntax/context/quoted": (
        "while scanning a quoted scalar",
        "（引用符で囲んだ文字列を読む途中）",
    ),
    "yaml-syntax/context/quoted-parsing": (
        "while parsing a quoted scalar",
        "（引用符で囲んだ文字列を読む途中）",
    ),
    "yaml-syntax/context/double-quoted": (
        "while scanning a double-quoted scalar",
        "（引用符で囲んだ文字列を読む途中）",
    ),
    "yaml-syntax/context/tag": ("while scanning a tag", "（タグを読む途中）"),
    "yaml-syntax/context/tag-parsing": ("while parsing a tag", "（タグを読む途中）"),
    "yaml-syntax/context/plain": (
        "while scanning a plain scalar",
        "（引用符のない文字列を読む途中）",
    ),
    "yaml-syntax/context/block-scalar": (
        "while scanning a block scalar",
        "（「|」か「>」で始まる複数行の文字列を読む途中）",
    ),
    "yaml-syntax/context/node": ("while parsing a node", "（値を読む途中）"),
    "yaml-syntax/context/block-node": ("while parsing a block node", "（値を読む途中）"),
    "yaml-syntax/context/flow-node": (
        "while parsing a flow node",
        "（[ ] か {{ }} の中の値を読む途中）",
    ),
    "yaml-syntax/context/anchor": ("while scanning an anchor", "（アンカー「&」を読む途中）"),
    "yaml-syntax/context/alias": ("while scanning an alias", "（エイリアス「*」を読む途中）"),
    "yaml-syntax/context/directive": ("while scanning a directive", "（「%」の行を読む途中）"),
    "yaml-syntax/context/single-document": (
        "expected a single document in the stream",
        "（プランのファイルには文書を一つだけ書きます）",
    ),
    "yaml-syntax/context/duplicate-anchor": (
        "found duplicate anchor; first occurrence",
        "（同じ名前のアンカー「&」が先にあります）",
    ),
    "duplicate-key/key": (
        "the key {key!r} appears twice in this mapping (first at line {line}); keep one of them",
        "このマッピングにキー「{key}」が二度あります（一つ目は{line}行目）。"
        "どちらか一つにしてください",
    ),
    "forbidden-tag/tag": (
        "the tag {tag} is not allowed in plan files; write plain YAML values "
        "(text, numbers, true/false, lists and mappings)",
        "プランのファイルではタグ {tag} は使えません。YAMLのふつうの値（文字列、数値、"
        "true/false、リスト、マッピング）で書いてください",
    ),
    "alias-not-allowed/alias": (
        "this value is an alias of the one at line {line}; anchors and aliases (&name, *name) "
        "are not allowed in plan files, so that every value can be read where it stands: "
        "write the value out",
        "この値は{line}行目の値のエイリアスです。どの値もその場所で読めるよう、プランのファイル"
        "ではアンカーとエイリアス（&名前、*名前）は使えません。値をそのまま書いてください",
    ),
    "alias-not-allowed/merge": (
        "merge keys (<<) are not allowed in plan files; write the keys out",
        "プランのファイルではマージキー（<<）は使えません。キーをそのまま書いてください",
    ),
    "wrong-type/key": (
        "a mapping key must be plain text",
        "マッピングのキーはふつうの文字列にしてください",
    ),
    "too-deep/nesting": (
        "nesting deeper than {depth} levels; no plan needs that many",
        "入れ子が{depth}段より深くなっています。プランにそこまでの深さは要りません",
    ),
    "too-deep/recursion": (
        "the document nests too deeply to be read",
        "入れ子が深すぎて読めません",
    ),
    "not-a-mapping/file": (
        "a plan file is one mapping starting with `apiVersion: {current}` and `kind:`; "
        "this is {found}",
        "プランのファイルは `apiVersion: {current}` と `kind:` で始まる一つのマッピングです。"
        "このファイルは{found}です",
    ),
    "missing-api-version/file": (
        "say what this file is: add `apiVersion: {current}` at the top",
        "何のファイルかが書かれていません。先頭に `apiVersion: {current}` を書いてください",
    ),
    "missing-kind/file": (
        "add `kind:` with one of {kinds}",
        "`kind:` に次のいずれかを書いてください：{kinds}",
    ),
    "unknown-kind/file": (
        "{kind!r} is not a plan kind{hint}; use one of {kinds}",
        "「{kind}」はプラン文書の種類ではありません{hint}。次のいずれかにしてください：{kinds}",
    ),
    "unknown-api-version/version": (
        "apiVersion {version} is not one this teijuu reads; known: {known}",
        "apiVersion「{version}」はこの teijuu では読めません。次のいずれかにしてください：{known}",
    ),
    "upgraded-api-version/file": (
        "this file is written for {version}; it was read as {current}. "
        "`teijuu migrate FILE` rewrites it as such, comments kept",
        "このファイルは{version}で書かれています。{current}として読み込みました。"
        "`teijuu migrate FILE` でコメントを残したまま書き換えられます",
    ),
    "schema-modeline/missing": (
        "start the file with `# yaml-language-server: $schema=…/schemas/{expected}` "
        "so that editors check it as you type",
        "エディタが入力中に確認できるよう、ファイルの先頭に "
        "`# yaml-language-server: $schema=…/schemas/{expected}` を書いてください",
    ),
    "schema-modeline/wrong": (
        "the $schema line names {target}, but a {kind} uses {expected}",
        "$schema の行が {target} を指していますが、{kind} には {expected} を使います",
    ),
    "missing-field/key": (
        "{parent}: `{name}` is required",
        "{parent}：`{name}` は必須です。書き加えてください",
    ),
    "unknown-field/key": (
        "{where}: unknown key {name!r}{hint}{known}",
        "{where}：「{name}」というキーはありません{hint}{known}",
    ),
    "invalid-id/value": (
        "{where}{value!r} is not an id: use lower-case ASCII letters, digits and hyphens, "
        "e.g. holiday-night-care",
        "{where}「{value}」はIDになりません。半角英小文字・数字・ハイフンで書いてください"
        "（例：holiday-night-care）",
    ),
    # --- values the model refuses (teijuu.model, loading._from_pydantic): "{where}" is the
    # path of the key and its separator (`measures[0].kpis[0].direction: `), or nothing ---
    "invalid-value/at": ("{where}{detail}", "{where}{detail}"),
    "invalid-value/choice": (
        "{where}{value} is not allowed: input should be {expected}",
        "{where}「{value}」は使えません。{expected}にしてください",
    ),
    "invalid-value/greater-equal": (
        "{where}Input should be greater than or equal to {ge}",
        "{where}{ge}以上の値にしてください",
    ),
    "invalid-value/less-equal": (
        "{where}Input should be less than or equal to {le}",
        "{where}{le}以下の値にしてください",
    ),
    "invalid-value/greater": (
        "{where}Input should be greater than {gt}",
        "{where}{gt}より大きい値にしてください",
    ),
    "invalid-value/less": (
        "{where}Input should be less than {lt}",
        "{where}{lt}より小さい値にしてください",
    ),
    "invalid-value/empty-text": (
        "{where}String should have at least 1 character",
        "{where}空の文字列は書けません。値を書いてください",
    ),
    "invalid-value/empty-list": (
        "{where}List should have at least 1 item after validation, not 0",
        "{where}空のリストは書けません。項目を一つ以上書いてください",
    ),
    "invalid-value/url": (
        "{where}String should match pattern '{pattern}'",
        "{where}URLは http:// か https:// で始め、空白を入れずに書いてください（{pattern}）",
    ),
    "invalid-value/pattern": (
        "{where}String should match pattern '{pattern}'",
        "{where}書き方が正しくありません（{pattern} の形に合いません）",
    ),
    "invalid-value/other": (
        "{where}{detail}",
        "{where}値が正しくありません（{detail}）",
    ),
    "invalid-value/circled": (
        "expected one circled number such as ⑥ or ㉓, found {value!r}",
        "⑥ や ㉓ のような丸数字を一つ書いてください（「{value}」と書かれています）",
    ),
    "invalid-value/budget": (
        "a budget needs `years`, `ranges`, `by_municipality` or `unknown` (the printed "
        "reason there is no figure); leave `budget` out where the plan prints none",
        "事業費には `years`、`ranges`、`by_municipality`、`unknown`（金額がない理由の記載）の"
        "いずれかを書いてください。計画に事業費の記載がなければ `budget` ごと消してください",
    ),
    "invalid-value/kpi-value-year": (
        "say which year the value belongs to (`fiscal_year`, `calendar_year`, or the "
        "`date` it is taken at), which years it covers (`years`), or how it is printed "
        "(`printed: ―`)",
        "値がどの年度のものか（`fiscal_year`、`calendar_year`、時点の `date`）、"
        "どの年度にまたがるか（`years`）、または記載のとおり（`printed: ―`）を書いてください",
    ),
    "invalid-value/kpi-value-aggregate": (
        "`aggregate` goes with `years`: the years the value covers",
        "`aggregate` は、値がまたがる年度（`years`）とともに書いてください",
    ),
    "invalid-value/role": (
        "say whose role it is: `municipality`, or `municipalities` for a group",
        "誰の役割かを書いてください。`municipality`、または複数の市町村なら `municipalities` "
        "に書きます",
    ),
    "wrong-type/string": (
        "{where}Input should be a valid string, found {found}",
        "{where}文字列を書いてください（{found}が書かれています）",
    ),
    "wrong-type/int": (
        "{where}Input should be a valid integer, found {found}",
        "{where}整数を書いてください（{found}が書かれています）",
    ),
    "wrong-type/bool": (
        "{where}Input should be a valid boolean, found {found}",
        "{where}true か false を書いてください（{found}が書かれています）",
    ),
    "wrong-type/list": (
        "{where}Input should be a valid list, found {found}",
        "{where}リスト（「- 」で始まる項目、または [ ]）を書いてください"
        "（{found}が書かれています）",
    ),
    "wrong-type/dict": (
        "{where}Input should be a valid dictionary, found {found}",
        "{where}マッピング（「キー: 値」）を書いてください（{found}が書かれています）",
    ),
    "wrong-type/model": (
        "{where}Input should be a valid dictionary or instance of {class_name}, found {found}",
        "{where}マッピング（「キー: 値」、{class_name}）を書いてください"
        "（{found}が書かれています）",
    ),
    "wrong-type/other": (
        "{where}{detail}, found {found}",
        "{where}値の種類が正しくありません（{detail}。{found}が書かれています）",
    ),
    "invalid-number/boolean": (
        "expected a number, found the boolean {value}",
        "数値を書いてください（真偽値の {value} が書かれています）",
    ),
    "invalid-number/not-finite": (
        "NaN and infinities are not values a plan can hold",
        "NaN や無限大はプランの値になりません。数値を書いてください",
    ),
    "invalid-number/float": (
        "floats are not exact; pass a Decimal or a string such as '67.1'",
        "浮動小数点数は正確ではありません。Decimal か '67.1' のような文字列で渡してください",
    ),
    "invalid-number/separators": (
        "{value!r} has thousands separators; write the number without them and without "
        "quotes: {plain}",
        "「{value}」には桁区切りがあります。桁区切りも引用符も付けずに {plain} と書いてください",
    ),
    "invalid-number/text": (
        "expected a number such as 48221 or 67.1, found {value!r}",
        "「{value}」は数値として読めません。48221 や 67.1 のような数値を書いてください",
    ),
    "invalid-number/kind": (
        "expected a number, found {kind}",
        "数値を書いてください（{kind}が書かれています）",
    ),
    "invalid-number/range": (
        "{value} is out of range for a plan value (less than 10^15, at most 12 decimal places)",
        "{value} はプランの値として扱えません。10^15 未満、小数点以下12桁までの数値にしてください",
    ),
    "negative-amount/budget": (
        "a budget cannot be negative, found {value}",
        "事業費はマイナスにできません（{value} と書かれています）",
    ),
    "invalid-date/not-text": (
        "expected a date such as H25.10 or 2025-12-17 (as text), found {value}",
        "日付は H25.10 や 2025-12-17 のように書いてください（「{value}」と書かれています）",
    ),
    "invalid-date/printed-not-text": (
        "expected the year label as printed (text), found {value}",
        "年の表記は記載どおりの文字列で書いてください（「{value}」と書かれています）",
    ),
    "invalid-period/order": (
        "the period starts in FY{start} but ends earlier, in FY{end}",
        "計画期間が{start}年度に始まり、それより前の{end}年度に終わっています。"
        "始まりと終わりを確かめてください",
    ),
    "invalid-grading-rule/labels-repeat": (
        "band labels repeat: {labels}",
        "評価の区分の名前が重なっています（{labels}）。区分ごとに別の名前にしてください",
    ),
    "invalid-grading-rule/last-band": (
        "the last band catches everything below the others: leave out its min_percent",
        "最後の区分はほかの区分より下をすべて受け持ちます。最後の区分の min_percent を"
        "消してください",
    ),
    "invalid-grading-rule/min-percent": (
        "every band but the last needs a min_percent",
        "最後の区分のほかは、どの区分にも min_percent を書いてください",
    ),
    "invalid-grading-rule/order": (
        "bands go from the highest min_percent to the lowest",
        "区分は min_percent の高いものから低いものへ順に並べてください",
    ),
    "invalid-grading-rule/watch": (
        "watch names grades that are not bands: {grades}",
        "watch に区分にない評価があります（{grades}）。bands にある区分の名前を書いてください",
    ),
    "unresolved-reference/source": (
        "no source of this file has the id {value!r}{hint}; list it under `sources` "
        "(title, url, date)",
        "このファイルの出典に「{value}」というIDはありません{hint}。"
        "`sources` に（title、url、date とともに）挙げてください",
    ),
    "era-overflow/year": (
        "{text} is read as printed: {era} ended in {last}, so {printed} is {year} ({now})",
        "「{text}」は記載どおりに読みました。{era}は{last}までのため、{printed}は{year}"
        "（{now}）です",
    ),
    # --- fiscal years and dates (fiscal.py: FiscalYearError) ---
    "invalid-fiscal-year/unknown-era": (
        "unknown era {era!r}; use one of M, T, S, H, R or 明治…令和",
        "「{era}」という元号はありません。M、T、S、H、R または明治〜令和で書いてください",
    ),
    "invalid-fiscal-year/era-year": (
        "era years start at 1 (元年), not {year}",
        "和暦の年は1（元年）から数えます。{year}年はありません",
    ),
    "invalid-fiscal-year/era-ended": (
        "{era} ended in {letter}{last}; {letter}{year} is {western}, write {next}{next_year}",
        "{era}は{letter}{last}で終わっています。{letter}{year}は{western}年のため、"
        "{next}{next_year}と書いてください",
    ),
    "invalid-fiscal-year/not-a-year": (
        "{text!r} is not a fiscal year; write it as {forms}",
        "「{text}」は年度として読めません。{forms}のように書いてください",
    ),
    "invalid-fiscal-year/found": (
        "expected a fiscal year such as {forms}, found {value}",
        "年度は{forms}のように書いてください（「{value}」と書かれています）",
    ),
    "invalid-fiscal-year/canonical": (
        "{text!r}: write the fiscal year as {canonical}",
        "年度「{text}」は {canonical} と書いてください",
    ),
    "invalid-fiscal-year/range": (
        "fiscal year {year} is out of range ({low}–{high})",
        "{year}年度は扱える範囲（{low}〜{high}年度）の外です",
    ),
    "invalid-date/not-a-date": (
        "{text!r} is not a date; write it as {forms}",
        "「{text}」は日付として読めません。{forms}のように書いてください",
    ),
    "invalid-date/month": (
        "{text!r}: month {month} does not exist",
        "「{text}」の{month}月はありません",
    ),
    "invalid-date/day": (
        "{text!r}: day {day} does not exist",
        "「{text}」の{day}日はありません",
    ),
    "invalid-date/no-year": (
        "{text!r} names no year; expected something like 2028年 (R10) 度",
        "「{text}」には年がありません。2028年 (R10) 度 のように書いてください",
    ),
    "findings-left-out/file": (
        "{count} more finding(s) of this file are not shown ({by_severity}; teijuu reports "
        "at most {limit} per file), from this one on ({code}); fix those above and run again",
        "このファイルの指摘はあと{count}件あります（{by_severity}。一つのファイルにつき"
        "{limit}件までしか示しません）。この指摘（{code}）から後は省きました。"
        "上の指摘を直してから、もう一度実行してください",
    ),
    # --- across documents (checks.py) ---
    "duplicate-id/item": (
        "{what} id {item_id!r} is used twice in {doc}; ids must be unique",
        "{what}のID「{item_id}」が{doc}の中で二度使われています。IDは重ならないようにしてください",
    ),
    "duplicate-id/document": (
        "another {kind} already has the id {doc_id!r}; give each document its own id",
        "別の{kind}がすでにID「{doc_id}」を使っています。文書ごとに別のIDにしてください",
    ),
    "duplicate-id/central-city": (
        "a central city is named twice; a 複眼型中心市 names two different cities",
        "中心市が二度挙げられています。複眼型中心市なら二つの異なる市を挙げてください",
    ),
    "duplicate-id/number": (
        "the number {no} is printed on more than one measure",
        "施策番号{no}が複数の施策に付いています",
    ),
    "unresolved-reference/id": (
        "no {what} has the id {ref!r}{hint}",
        "ID「{ref}」の{what}はありません{hint}",
    ),
    "unresolved-reference/unreadable": (
        "{detail} (or it is in a file that could not be read: {files})",
        "{detail}（読み込めなかったファイルにある可能性もあります：{files}）",
    ),
    "unresolved-reference/file-alone": (
        "{detail}; only the files named were read: `teijuu validate {root}` checks this one "
        "with the rest of its sphere",
        "{detail}（指定されたファイルだけを読みました。`teijuu validate {root}` で圏域の"
        "ほかのファイルとあわせて確認できます）",
    ),
    "status-mismatch/date": (
        "{key}: {date} is given, but the status says otherwise; set `{status}` or remove the date",
        "{key}：{date} と書かれていますが、状態がそうなっていません。"
        "`{status}` にするか、日付を消してください",
    ),
    "missing-date/status": (
        "{status} without a date: add `{key}:` with the date the source gives "
        "(H25.10, R4.3.31), or say in `note` that it does not give one",
        "{status} なのに日付がありません。出典にある日付（H25.10、R4.3.31 など）を "
        "`{key}:` に書くか、出典に日付がないことを `note` に書いてください",
    ),
    "date-fiscal-year-mismatch/date": (
        "the date {date} falls in FY{actual} (a fiscal year runs April to March), but "
        "fiscal_year says FY{stated}; correct one of them, or keep the printed one in "
        "`fiscal_year_printed` and explain in `note`",
        "{date} は{actual}年度（年度は4月から3月まで）ですが、fiscal_year は{stated}年度です。"
        "どちらかを直すか、記載どおりの年度を `fiscal_year_printed` に残して `note` "
        "に理由を書いてください",
    ),
    "era-mismatch/printed": (
        "{what} year is printed as {printed!r}: {western} in the Western calendar but "
        "FY{era} by its era; kept as printed, read as FY{read}",
        "{what}の年度が「{printed}」と記載されています。西暦では{western}年、和暦では{era}年度"
        "です。記載はそのまま残し、{read}年度として読みました",
    ),
    "era-mismatch/label": (
        "{what} fiscal_year is FY{year} but its printed label {printed!r} says FY{label}",
        "{what}の fiscal_year は{year}年度ですが、記載「{printed}」は{label}年度です",
    ),
    "revision-mismatch/numbers": (
        "revisions are numbered {listed}; number them 1, 2, 3 … in order",
        "改定の番号が {listed} になっています。1、2、3…と順に付けてください",
    ),
    "revision-mismatch/count": (
        "revision: {revision} but only {count} revision(s) are listed under revisions",
        "revision は {revision} ですが、revisions には{count}件しかありません",
    ),
    "year-outside-period/revision-start": (
        "a revision moves the start of the period from FY{old} to FY{new}",
        "改定で計画期間の始まりが{old}年度から{new}年度に動いています",
    ),
    "field-not-in-viewpoint/field": (
        "the field {field_id!r} ({field}) belongs to {owner}, not to {viewpoint}",
        "政策分野「{field_id}」（{field}）は「{owner}」に属し、「{viewpoint}」には属しません",
    ),
    "year-outside-period/target": (
        "{what}: the target year FY{year} is outside the period {period}",
        "{what}：目標年度の{year}年度が計画期間（{period}）の外です",
    ),
    "bound-direction/target": (
        "{what}: the target is a limit ({bound}) but the KPI says direction: {direction}; "
        "a target of at most a value means lower is better: set `direction: {better}`",
        "{what}：目標値が上限・下限（{bound}）で示されていますが、KPIの方向は "
        "{direction} です。`direction: {better}` にしてください",
    ),
    "open-target/partial": (
        "{what}: the target is open in this excerpt (partial: true); it cannot be graded "
        "until the plan's figure is transcribed",
        "{what}：この抜粋（partial: true）では目標値が未記入です。"
        "計画の数値を転記するまで評価できません",
    ),
    "open-target/adopted": (
        "{what}: {status} vision needs every KPI target; only a draft (or an excerpt, "
        "`partial: true`) may leave a target open",
        "{what}：{status}のビジョンではすべてのKPIに目標値が必要です。"
        "目標値を空けてよいのは案（または抜粋 `partial: true`）だけです",
    ),
    "budget-outside-period/year": (
        "budget for FY{year} is outside the vision's period {period}",
        "{year}年度の事業費がビジョンの計画期間（{period}）の外です",
    ),
    "budget-outside-period/range": (
        "a budget for {span} reaches outside the vision's period {period}",
        "{span}の事業費がビジョンの計画期間（{period}）の外にはみ出しています",
    ),
    "revision-path/invalid": (
        "undoing revision {revision} gives an edition that is not valid ({count} problem(s), "
        "first: {first}); check its `changed` and `removed` values",
        "改定{revision}を戻すと正しくない版になります（{count}件。最初の問題：{first}）。"
        "`changed` と `removed` の値を確かめてください",
    ),
    "revision-path/path": (
        "revision {revision} names {path!r}, but {reason}: a path goes by ids and keys, "
        "e.g. measures/bus/kpis/riders/target/value",
        "改定{revision}が指す「{path}」は使えません（{reason}）。"
        "IDとキーでたどるパスにしてください（例：measures/bus/kpis/riders/target/value）",
    ),
    "empty-vision/vision": (
        "{status} vision with no measures: add the plan's measures{excerpt}",
        "{status}のビジョンに施策がありません。計画の施策を書き加えてください{excerpt}",
    ),
    "no-kpis/vision": (
        "{status} vision whose measures have no KPI: nothing can be graded; add the KPIs "
        "(成果指標) the plan prints",
        "{status}のビジョンの施策にKPIがなく、何も評価できません。"
        "計画に載っている成果指標（KPI）を書き加えてください",
    ),
    "no-grading-rule/vision": (
        "{status} vision with KPIs but no `grading:` rule: grades use teijuu's default "
        "(A ≥ 100%, B ≥ 80%, C ≥ 50%, D below); state the plan's own rule",
        "{status}のビジョンにKPIはありますが、評価基準（`grading:`）がありません。"
        "teijuuの既定（A 100%以上、B 80%以上、C 50%以上、D それ未満）で評価しています。"
        "計画の評価基準を書いてください",
    ),
    "year-outside-period/results": (
        "FY{year} is outside the period of {vision} ({period})",
        "{year}年度は{vision}の計画期間（{period}）の外です",
    ),
    "year-outside-period/report": (
        "FY{year} is outside the period of {vision}",
        "{year}年度は{vision}の計画期間の外です",
    ),
    "year-outside-period/grade-column": (
        "a grade column for FY{year}, outside {period}",
        "{year}年度の評価の列がありますが、計画期間（{period}）の外です",
    ),
    # --- published claims against the data (reconcile.py) ---
    "unverifiable-claim/no-results": (
        "no results of {vision} for FY{year} are in the plans, so nothing this report states "
        "can be checked",
        "プランに{vision}の{year}年度の実績がないため、この報告の記述は何も確かめられません",
    ),
    "unverifiable-claim/no-results-for-grade": (
        "no results for FY{year} to check {printed!r} against",
        "{year}年度の実績がないため、「{printed}」を確かめられません",
    ),
    "unverifiable-claim/missing-years": (
        "no results for {years} are in the plans; for FY{year} the statement {held}",
        "プランに{years}の実績がありません。{year}年度については記述どおり{held}",
    ),
    "field-name-variant/printed": (
        "the field is printed {printed!r} here; the framework names it {name!r}",
        "政策分野がここでは「{printed}」と記載されていますが、政策体系では「{name}」です",
    ),
    "component-mismatch/component": (
        "{what}: component {index} is printed as {printed}, but its numerator and denominator "
        "give {recomputed}",
        "{what}：内訳{index}の記載は{printed}ですが、分子と分母から求めると{recomputed}です",
    ),
    "component-rounding/actual": (
        "{what}: the components give {computed}, which rounds to {rounded} under {whose}, "
        "but {printed} is printed; {other} gives the printed figure",
        "{what}：内訳から求めると{computed}で、{whose}では{rounded}になりますが、"
        "記載は{printed}です。{other}なら記載の値になります",
    ),
    "component-mismatch/actual": (
        "{what}: the actual is printed as {printed}, but its components add up to {rounded}",
        "{what}：実績値の記載は{printed}ですが、内訳から求めると{rounded}です",
    ),
    "name-mismatch/table-measure": (
        "No.{no}: the table prints {printed!r}; the measure sheet is {name!r}",
        "No.{no}：表の記載は「{printed}」ですが、施策シートでは「{name}」です",
    ),
    "name-mismatch/table-kpi": (
        "No.{no}: the table prints the KPI {printed!r}; the measure sheet has {name!r}",
        "No.{no}：表のKPIの記載は「{printed}」ですが、施策シートでは「{name}」です",
    ),
    "table-number-gap/gap": (
        "the table goes from No.{previous} to No.{no}: there is no No.{missing}",
        "表の番号がNo.{previous}からNo.{no}に飛んでいます。No.{missing}がありません",
    ),
    "grade-mismatch/no-grade": (
        "No.{no} {measure}: printed {printed} for FY{year}, but the data give no grade: {reason}",
        "No.{no} {measure}：{year}年度の評価は{printed}と記載されていますが、"
        "データからは評価できません（{reason}）",
    ),
    "grade-mismatch/grade": (
        "No.{no} {measure}: printed {printed} for FY{year}, but {actual} against the target "
        "{target} is {rate}: {grade}",
        "No.{no} {measure}：{year}年度の評価は{printed}と記載されていますが、"
        "目標値{target}に対して実績値{actual}で達成率{rate}、評価は{grade}です",
    ),
    "kpi-not-in-table/kpi": (
        "{measure} (No.{no}) has the KPI {kpi!r} (FY{year}: {grade}), which has no row in "
        "the table",
        "{measure}（No.{no}）のKPI「{kpi}」（{year}年度：{grade}）が表にありません",
    ),
    "count-mismatch/field": (
        "{field}: printed {printed}, but the data give {computed}{note}",
        "{field}：記載は{printed}ですが、データからは{computed}です{note}",
    ),
    "count-mismatch/table-note": (
        "; the table's own grades give {counts}",
        "（表の評価から数えると{counts}）",
    ),
    "count-missing/field": (
        "{field} has graded KPIs ({counts}) but no printed count",
        "{field}には評価されたKPI（{counts}）がありますが、件数の記載がありません",
    ),
    "name-mismatch/listed": (
        "listed as {printed!r}; the measure sheet is {name!r}",
        "一覧の記載は「{printed}」ですが、施策シートでは「{name}」です",
    ),
    "list-number-mismatch/item": (
        "{circled} {printed}: the table numbers this measure No.{no}",
        "{circled} {printed}：表ではこの施策はNo.{no}です",
    ),
    "list-extra/item": (
        "{circled} {printed} is listed under {grades}, but its KPIs are graded {own} for FY{year}",
        "{circled} {printed}は{grades}の一覧に載っていますが、{year}年度のKPIの評価は{own}です",
    ),
    "list-missing/measure": (
        "{measure} (No.{no}) is graded {grades} for FY{year} but is not in this list",
        "{measure}（No.{no}）は{year}年度の評価が{grades}ですが、この一覧に載っていません",
    ),
    "share-mismatch/statement": (
        "{grades} is {percent}% of the graded KPIs, not {comparator} {stated}%: {text}",
        "評価されたKPIのうち{grades}は{percent}%で、記述の「{stated}%{comparator}」と"
        "合いません：{text}",
    ),
    "persistence-mismatch/count": (
        "the statement says {count} items but names {named}",
        "記述では{count}件とありますが、挙げられているのは{named}件です",
    ),
    "name-mismatch/named": (
        "named {printed!r}; the measure sheet is {name!r}",
        "記述では「{printed}」ですが、施策シートでは「{name}」です",
    ),
    "persistence-mismatch/measure": (
        "{printed} is said to be {grades} since FY{since}, but in FY{year} its KPIs are {own}",
        "{printed}は{since}年度から引き続き{grades}とされていますが、"
        "{year}年度のKPIの評価は{own}です",
    ),
    "name-mismatch/mention": (
        "the text names {printed!r}; the measure sheet is {name!r}",
        "本文の記載は「{printed}」ですが、施策シートでは「{name}」です",
    ),
}

CLI: Final[dict[str, tuple[str, str]]] = {
    "cli/validate-verdict": (
        "teijuu: {files} file(s), {documents} document(s) loaded, {errors} error(s), "
        "{warnings} warning(s): {verdict}",
        "teijuu: {files}ファイル、{documents}文書を読み込みました。エラー{errors}件、"
        "警告{warnings}件：{verdict}",
    ),
    "cli/valid": ("valid", "問題ありません"),
    "cli/invalid": ("invalid", "エラーがあります"),
    "cli/plans-invalid": (
        "teijuu: the plans are invalid ({errors} error(s)); fix them first "
        "(`teijuu validate` lists them)",
        "teijuu: プランにエラーが{errors}件あります。先に直してください"
        "（`teijuu validate` で一覧できます）",
    ),
    "cli/check-counts": (
        "teijuu check: {errors} contradiction(s), {warnings} warning(s), {notes} note(s)",
        "teijuu check: 矛盾{errors}件、警告{warnings}件、注記{notes}件",
    ),
    "cli/wrote": ("wrote {path}", "{path} を書き出しました"),
    "cli/cannot-read": (
        "teijuu {verb}: {path}: {reason}",
        "teijuu {verb}: {path} を読めません（{reason}）",
    ),
    "cli/cannot-write": (
        "teijuu: cannot write {path}: {reason}",
        "teijuu: {path} に書き込めません：{reason}",
    ),
    "cli/recorded": (
        "teijuu record: recorded {kpi} FY{year} = {actual} in {path}{grade}",
        "teijuu record: {path} に {kpi} の{year}年度の実績値 {actual} を記録しました{grade}",
    ),
    "cli/already-recorded": (
        "teijuu record: already recorded {kpi} FY{year} = {actual} in {path}{grade}",
        "teijuu record: {path} には {kpi} の{year}年度の実績値 {actual} が記録済みです{grade}",
    ),
    "cli/record-grade": ("; grade {grade}", "。評価は{grade}"),
    "cli/record-grade-rate": ("; grade {grade} (rate {rate})", "。評価は{grade}（達成率 {rate}）"),
    "cli/record-not-graded": ("; not graded", "。評価はありません"),
    "cli/import-problems": (
        "teijuu import: {count} problem(s); nothing was written. Correct the cells and "
        "import again",
        "teijuu import: 問題が{count}件あります。何も書き込んでいません。"
        "セルを直してから、もう一度取り込んでください",
    ),
    "cli/import-empty": (
        "teijuu import: no 実績値 is filled in; nothing to import",
        "teijuu import: 実績値が一つも入力されていないため、取り込むものがありません",
    ),
    "cli/import-recorded": (
        "teijuu import: recorded {count} actual(s) in {path}",
        "teijuu import: {path} に実績値{count}件を記録しました",
    ),
    "cli/import-unchanged": (
        "teijuu import: {path} holds these {count} actual(s) already",
        "teijuu import: {path} にはこの実績値{count}件が記録済みです",
    ),
    "cli/import-where": (
        "teijuu import: say which plans to import into (there is no ./plans here, and the "
        "plans installed with teijuu are not to be rewritten)",
        "teijuu import: 取り込み先のプランを指定してください（ここには ./plans がなく、"
        "teijuu に同梱のプランは書き換えません）",
    ),
    "cli/sheet-suffix": (
        "teijuu sheet: -o {output}: the entry sheet is an Excel workbook: *.xlsx",
        "teijuu sheet: -o {output}：入力シートはExcelのブック（*.xlsx）です",
    ),
    "cli/sheet-exists": (
        "teijuu sheet: {path} exists, and may hold figures typed in; import it first "
        "(`teijuu import`), or pass --force to write over it",
        "teijuu sheet: {path} はすでにあり、入力済みの数値があるかもしれません。"
        "先に取り込む（`teijuu import`）か、上書きするなら --force を付けてください",
    ),
    "cli/fmt-where": (
        "teijuu fmt: say which plan files or folders to format (there is no ./plans here, "
        "and the plans installed with teijuu are not to be rewritten)",
        "teijuu fmt: 整えるプランのファイルまたはフォルダを指定してください（ここには "
        "./plans がなく、teijuu に同梱のプランは書き換えません）",
    ),
    "cli/fmt-done": (
        "teijuu fmt: all files are in the canonical layout",
        "teijuu fmt: すべてのファイルが標準の書式です",
    ),
    "cli/would-reformat": ("would reformat {name}", "{name} を整えます（--check のため未変更）"),
    "cli/reformatted": ("reformatted {name}", "{name} を整えました"),
    "cli/would-migrate": (
        "would migrate {name} to {current}",
        "{name} を{current}に書き換えます（--check のため未変更）",
    ),
    "cli/migrated": ("migrated {name} to {current}", "{name} を{current}に書き換えました"),
    "cli/migrate-done": (
        "teijuu migrate: every file is written for {current}",
        "teijuu migrate: すべてのファイルが{current}で書かれています",
    ),
    "cli/new-edition-kept": (
        "teijuu new-edition: kept from {path}: {kept}; refreshed the baselines",
        "teijuu new-edition: {path} から{kept}を引き継ぎ、基準値を更新しました",
    ),
    "cli/report-needs-file": (
        "teijuu report: an Excel workbook needs a file: add --output report.xlsx",
        "teijuu report: Excelのブックはファイルに書き出します。--output report.xlsx "
        "を付けてください",
    ),
    "cli/diff-sides": (
        "teijuu diff: give OLD and NEW, or --base REV [PATH…]",
        "teijuu diff: 比べる二つ（OLD NEW）か、--base REV [PATH…] を指定してください",
    ),
    "cli/not-utf8": (
        "not UTF-8 text ({what} after {before!r}); pass it as UTF-8, e.g. "
        "convert it with `iconv -f CP932 -t UTF-8`",
        "UTF-8 の文字列ではありません（「{before}」の後の {what}）。UTF-8 で渡してください"
        "（例：`iconv -f CP932 -t UTF-8` で変換）",
    ),
    "cli/interrupted": ("teijuu: interrupted", "teijuu: 中断しました"),
    "cli/bad-fy": (
        "teijuu {verb}: --fy: {reason}",
        "teijuu {verb}: --fy の年度：{reason}",
    ),
    "cli/report/unknown-suffix": (
        "teijuu report: -o {output}: a report is Markdown (.md) or Excel (.xlsx); name the "
        "file report.md or report.xlsx",
        "teijuu report: -o {output}：報告書はMarkdown（.md）かExcel（.xlsx）です。"
        "report.md か report.xlsx という名前にしてください",
    ),
    "cli/report/format-and-suffix": (
        "teijuu report: --format {asked} does not go in {output}: a {asked} report is "
        "a {suffix} file (-o {right}); or leave out --format, and the extension chooses",
        "teijuu report: --format {asked} の報告書は {output} には書けません。{suffix} "
        "のファイルにするか（-o {right}）、--format を省いて拡張子で決めてください",
    ),
    "cli/schema/stale": (
        "{path}: stale or missing; run `teijuu schema --write`",
        "{path}：モデルと食い違っているか、ありません。`teijuu schema --write` を実行してください",
    ),
    "cli/schema/up-to-date": (
        "teijuu: the {count} schemas in {directory} are up to date",
        "teijuu: {directory} の{count}個のスキーマはモデルどおりです",
    ),
    "cli/schema/cannot-write": (
        "teijuu schema: cannot write {directory}: {reason}",
        "teijuu schema: {directory} に書き込めません：{reason}",
    ),
    "cli/schema/already": (
        "teijuu: schemas already up to date",
        "teijuu: スキーマは既にモデルどおりです",
    ),
    "cli/schema/unknown-kind": (
        "teijuu schema: unknown kind {kind!r}; kinds: {kinds}",
        "teijuu schema: 「{kind}」という種類はありません。種類：{kinds}",
    ),
}

ERRORS: Final[dict[str, tuple[str, str]]] = {
    # --- record, import (editing.py, api.record) ---
    "cli/edit/not-parsed": (
        "the results file does not parse; run `teijuu validate` on it first",
        "実績のファイルを読み取れません。先に `teijuu validate` で確認してください",
    ),
    "cli/edit/no-measures": (
        "the results file has no `measures:` list to record into",
        "実績のファイルに記録先の `measures:` の一覧がありません",
    ),
    "cli/edit/split-evaluation": (
        "the evaluation of this measure is split per municipality ({municipalities}): "
        "say whose text it is with --municipality",
        "この施策の評価は市町村ごとに分かれています（{municipalities}）。"
        "どの市町村の評価かを --municipality で指定してください",
    ),
    "cli/edit/no-folder": (
        "the folder {folder} does not exist; give the results file in the plans' results folder",
        "フォルダ {folder} がありません。プランの results フォルダの中の実績ファイルを指定して"
        "ください",
    ),
    "cli/edit/invalid-before": (
        "the plans have errors before this edit; fix them first:\n{problems}",
        "編集の前からプランにエラーがあります。先に直してください：\n{problems}",
    ),
    "cli/edit/not-results": (
        "{path} is not a results file (kind: Results)",
        "{path} は実績のファイル（kind: Results）ではありません",
    ),
    "cli/edit/other-year": (
        "{path} holds {held}, not {year}; record into that year's results file",
        "{path} は{held}の実績で、{year}のものではありません。{year}の実績のファイルに"
        "記録してください",
    ),
    "cli/edit/which-vision": (
        "{path} does not exist; say which vision it is for with --vision (one of: {candidates})",
        "{path} はまだありません。どのビジョンの実績かを --vision で指定してください"
        "（候補：{candidates}）",
    ),
    "cli/edit/none": ("none", "なし"),
    "cli/edit/not-a-vision": (
        "{vision} is not a vision of these plans",
        "「{vision}」はこのプランのビジョンではありません",
    ),
    "cli/edit/invalid-after": (
        "the edit would make the plans invalid; nothing was written:\n{problems}",
        "この編集ではプランにエラーが生じるため、何も書き込んでいません：\n{problems}",
    ),
    "cli/edit/not-a-kpi": (
        "{kpi} is not a KPI of {vision}{hint}",
        "「{kpi}」は「{vision}」のKPIではありません{hint}",
    ),
    "cli/edit/hint-close": ("; did you mean {close}?", "。「{close}」のことでしょうか"),
    "cli/edit/hint-count": (
        "; `teijuu grade --format csv` lists its {count} KPIs",
        "。`teijuu grade --format csv` で{count}件のKPIを一覧できます",
    ),
    "cli/edit/municipality-without-eval": (
        "--municipality {municipality} says whose evaluation it is: give the evaluation with "
        "--eval, or leave --municipality out",
        "--municipality {municipality} は評価が誰のものかを示します。--eval で評価を書くか、"
        "--municipality を外してください",
    ),
    "cli/edit/kpi-missing": (
        "kpi: name the KPI: MEASURE/KPI (medical-staff/local-hires), its number in the KPI "
        "table (23-2) or its name",
        "kpi: KPIを指定してください。MEASURE/KPI（medical-staff/local-hires）、"
        "KPI表の番号（23-2）、またはKPIの名称で指定できます",
    ),
    "cli/edit/actual": ("actual: {reason}", "actual: 実績値を読み取れません（{reason}）"),
    # --- fmt, migrate (editing.py) ---
    "cli/edit/not-a-plan": (
        "not a plan file ({found}): a plan file is one mapping starting with `apiVersion:` and "
        "`kind:`; nothing was written",
        "プランのファイルではありません（{found}）。プランのファイルは `apiVersion:` と `kind:` で"
        "始まる一つのマッピングです。何も書き込んでいません",
    ),
    "cli/edit/fix-first": (
        "{problem} (fix it first: `teijuu validate`)",
        "このファイルは先に直す必要があります（{problem}）。"
        "`teijuu validate` で確認して直してください",
    ),
    "cli/edit/fmt-cannot": (
        "teijuu fmt cannot lay this out, though validate reads it ({reason}); "
        "nothing was written: {advice}",
        "validate では読めますが、teijuu fmt ではこの箇所を整えられません（{reason}）。"
        "何も書き込んでいません。{advice}",
    ),
    "cli/edit/advice-tab": (
        "replace the tab with spaces, or write the text in double quotes with \\t for a tab",
        "タブを空白に置き換えるか、文字列をダブルクォートで囲みタブを \\t と書いてください",
    ),
    "cli/edit/advice-quote": (
        "write the value here in double quotes",
        "この値をダブルクォートで囲んで書いてください",
    ),
    "cli/edit/fmt-bug": (
        "teijuu fmt cannot lay this file out ({reason}); nothing was "
        "written. This is a bug of teijuu: please report it with the file",
        "teijuu fmt ではこのファイルを整えられません（{reason}）。何も書き込んでいません。"
        "teijuu の不具合ですので、ファイルを添えて報告してください",
    ),
    "cli/edit/not-a-mapping": (
        "a plan file is one mapping",
        "プランのファイルは一つのマッピングです",
    ),
    "cli/edit/migrate-cannot": (
        "teijuu migrate cannot rewrite this file ({reason}); nothing was written. Run "
        "`teijuu fmt` on it first, or write it for the current apiVersion by hand",
        "teijuu migrate ではこのファイルを書き換えられません（{reason}）。何も書き込んで"
        "いません。先に `teijuu fmt` をかけるか、現在の apiVersion に合わせて手で"
        "書き換えてください",
    ),
    # --- the data-equality guard of every rewrite (guard.py) ---
    "cli/guard/fix-first": ("{problem} (fix it first)", "先に直してください（{problem}）"),
    "cli/guard/at-line": (" at line {line}", "、書き換え後の{line}行目"),
    "cli/guard/unreadable": (
        "{what} would not be readable YAML ({problem}{line} of the new text); "
        "nothing was written. This is a bug of teijuu: please report it with the file",
        "{what}がYAMLとして読めなくなるため（{problem}{line}）、何も書き込んでいません。"
        "teijuu の不具合ですので、ファイルを添えて報告してください",
    ),
    "cli/guard/changed": (
        "{path}: {what} would read {got} here, where it must read "
        "{want}; nothing was written. This is a bug of teijuu: please report it "
        "with the file",
        "{path}：{what}ではここが{got}になりますが、{want}でなければなりません。"
        "何も書き込んでいません。teijuu の不具合ですので、ファイルを添えて報告してください",
    ),
    # --- naming a KPI (kpiref.py) ---
    "cli/kpi/ambiguous": (
        "{reference!r} is the {kind} of {count} KPIs of {vision}: {listed}; "
        "name one by its number or MEASURE/KPI",
        "「{reference}」は「{vision}」の{count}件のKPIの{kind}です（{listed}）。"
        "番号か MEASURE/KPI で一つを指定してください",
    ),
    "cli/kpi/number": ("number", "番号"),
    "cli/kpi/name": ("name", "名称"),
    "cli/kpi/unknown": (
        "{reference!r} is not a KPI of {vision} (give MEASURE/KPI, the number the KPI "
        "table prints such as {example}, or the KPI's name){hint}",
        "「{reference}」は「{vision}」のKPIではありません。MEASURE/KPI、KPI表の番号"
        "（{example} など）、またはKPIの名称で指定してください{hint}",
    ),
    "cli/kpi/hint-close": ("; did you mean {close}?", "。「{close}」のことでしょうか"),
    "cli/kpi/hint-count": (
        "; `teijuu sheet` or `teijuu grade` lists its {count} KPIs",
        "。`teijuu sheet` か `teijuu grade` で{count}件のKPIを一覧できます",
    ),
    # --- choosing a vision (api.choose_vision, api.entry_sheet) ---
    "cli/plan/no-results": (
        "no vision has results{year} in these plans{known}",
        "このプランには{year}実績のあるビジョンがありません{known}",
    ),
    "cli/plan/for-year": (" for {year}", "{year}の"),
    "cli/plan/results-known": (
        "; results there are: {have}",
        "。実績があるのは次のとおりです：{have}",
    ),
    "cli/plan/several-with-results": (
        "several visions have results; choose one with --vision: {candidates}",
        "実績のあるビジョンが複数あります。--vision で一つを選んでください：{candidates}",
    ),
    "cli/plan/sheet-several": (
        "several visions' periods hold {year}; choose with --vision (visions: {known})",
        "{year}を計画期間に含むビジョンが複数あります。--vision で選んでください"
        "（ビジョン：{known}）",
    ),
    "cli/plan/sheet-none": (
        "no vision's period holds {year}; choose with --vision (visions: {known})",
        "{year}を計画期間に含むビジョンがありません。--vision で選んでください"
        "（ビジョン：{known}）",
    ),
    "cli/plan/sheet-no-id": (
        "no vision has the id {vision!r}; so nothing holds {year}; choose with --vision "
        "(visions: {known})",
        "id が「{vision}」のビジョンはありません。{year}のビジョンを --vision で"
        "選んでください（ビジョン：{known}）",
    ),
    "cli/plan/sheet-outside": (
        "{year} is outside {vision}'s period ({start}-{end})",
        "{year}は「{vision}」の計画期間（{start}〜{end}年度）の外です。"
        "期間内の年度を指定してください",
    ),
    "cli/plan/no-such-vision": (
        "no vision has the id {vision!r}; visions: {known}",
        "id が「{vision}」のビジョンはありません。次のいずれかを指定してください：{known}",
    ),
    "cli/plan/no-framework": (
        "{vision} names the policy framework {framework!r}, which these plans "
        "do not hold; load the folder of plans that has it (its sphere's folder)",
        "「{vision}」が指す政策体系「{framework}」がこのプランにありません。"
        "それを含むプランのフォルダ（圏域のフォルダ）を読み込んでください",
    ),
    "cli/plan/no-results-to-grade": (
        "{vision} has no results to grade",
        "「{vision}」には評価する実績がありません",
    ),
    "cli/plan/no-results-for-year": (
        "{vision} has no results for {year}; it has: {have}",
        "「{vision}」には{year}の実績がありません。実績がある年度：{have}",
    ),
    "cli/plan/budget-by": (
        "budget totals by {by!r}: say field, viewpoint or year",
        "予算の集計単位「{by}」は使えません。field、viewpoint、year のいずれかを指定してください",
    ),
    # --- new-edition (api.new_edition, edition.py) ---
    "cli/edition/invalid": (
        "{path} is invalid; fix it first:\n{listed}",
        "{path} にエラーがあります。先に直してください：\n{listed}",
    ),
    "cli/edition/output-is-source": (
        "-o {path} is the vision the draft is drawn from; write the draft to another file "
        "(e.g. visions/4th.yaml)",
        "-o {path} は素案の元になるビジョンのファイルです。素案は別のファイル"
        "（visions/4th.yaml など）に書き出してください",
    ),
    "cli/edition/output-taken": (
        "-o {path} exists and is not an earlier draft of {vision}; nothing was written. Name "
        "another file, or pass --force to write over it",
        "-o {path} はすでにあり、{vision} の以前の素案ではありません。何も書き込んでいません。"
        "別のファイル名にするか、上書きするなら --force を付けてください",
    ),
    "cli/edition/not-a-vision": (
        "{path} is not a vision file",
        "{path} はビジョンのファイルではありません",
    ),
    "cli/edition/period": (
        "period {period!r}: write it as 2027-2031 ({reason})",
        "period「{period}」を読み取れません（{reason}）。2027-2031 のように書いてください",
    ),
    "cli/edition/bad-id": (
        "id {vision!r} is not an id: use lower-case ASCII letters, digits and hyphens, "
        "e.g. ichinoseki-hiraizumi-4",
        "「{vision}」は id として使えません。半角の英小文字・数字・ハイフンで書いてください"
        "（例：ichinoseki-hiraizumi-4）",
    ),
    "cli/edition/id-taken": (
        "id {vision}: a vision already has that id; give the new edition its own",
        "id「{vision}」は既にほかのビジョンが使っています。新しい版には別の id を付けてください",
    ),
    "cli/edition/not-next": (
        "edition {edition} does not follow {vision} (edition {previous})",
        "第{edition}次は「{vision}」（第{previous}次）の次の版ではありません。"
        "{previous}より大きい版の番号を指定してください",
    ),
    "cli/edition/period-start": (
        "the new period {period} must start after {start}",
        "新しい計画期間（{period}）は{start}年度より後に始まる期間にしてください",
    ),
    # the comment at the head of a draft new-edition writes: Japanese lines, then English
    "cli/edition/header": (
        "Draft of edition {edition}, {title}, drawn up by `teijuu new-edition` from\n"
        "{vision} (revision {revision}){results}.\n"
        "Baselines are the latest actuals; targets and budgets are open, to be decided (see\n"
        "review_points). Nothing here is new data.",
        "「{title}」（第{edition}版）の案。`teijuu new-edition` で {vision}（改定{revision}）"
        "{results}"
        "から作りました。\n"
        "基準値は最新の実績です。目標値と事業費は未定で、決めることを review_points に"
        "挙げています。\n"
        "新しいデータはありません。",
    ),
    "cli/edition/header-results": (
        " and its results up to FY{year}",
        "と{year}年度までの実績",
    ),
    "cli/edition/header-kept": (
        "Kept from the earlier draft in this file: {kept}; baselines refreshed.",
        "このファイルの前の案から引き継いだもの：{kept}。基準値は更新しました。",
    ),
    "cli/edition/kept-measures": (
        "its {count} measures and their texts",
        "施策{count}件とその文章",
    ),
    "cli/edition/kept-targets": (
        "{decided} of {count} KPI targets decided",
        "KPIの目標値（{count}件中{decided}件決定）",
    ),
    "cli/edition/kept-no-target": ("no KPI target decided yet", "KPIの目標値（未定）"),
    "cli/edition/kept-budgets": ("{count} budgets", "事業費（{count}件）"),
    "cli/edition/kept-no-budget": ("no budget decided yet", "事業費（未定）"),
    "cli/edition/kept-aims": ("aims", "目指す姿"),
    "cli/edition/kept-note": ("note", "備考"),
    "cli/edition/kept-change-notes": ("change notes", "変更点の説明"),
    # --- the sides of a diff, a vision file (sources.py) ---
    "cli/source/git-cannot-run": (
        "git could not run: {reason}",
        "git を実行できません（{reason}）",
    ),
    "cli/source/unsafe-entry": (
        "{where}: the git tree holds an entry named {name!r}, which no folder can "
        "hold (it would be written outside where it belongs); refused",
        "{where}：git のツリーに「{name}」という名前の項目があります。フォルダに置けない名前"
        "（置くべき場所の外に書き出される名前）のため、読み込みを断りました",
    ),
    "cli/source/dash-revision": (
        "{revision!r} is not a git revision (a revision does not start with '-')",
        "「{revision}」は git のリビジョンではありません（リビジョンは「-」で始まりません）",
    ),
    "cli/source/not-a-revision": (
        "{revision}: not a git revision here",
        "{revision}：このリポジトリの git のリビジョンではありません",
    ),
    "cli/source/dot-dot": (
        "{spec}: a path in a revision is written from its top, without '..'",
        "{spec}：リビジョン内のパスは「..」を使わず、最上位から書いてください",
    ),
    "cli/source/nothing-at": (
        "{spec}: nothing at {inside} in {revision}",
        "{spec}：{revision} の {inside} には何もありません",
    ),
    "cli/source/outside": (
        "{spec}: {name!r} would be written outside; refused",
        "{spec}：「{name}」は外側に書き出されるため、断りました",
    ),
    "cli/source/revision-too-large": (
        "{path}@r{shown}: no vision has a revision that large; write @r0 "
        "(as adopted), @r1 and so on, up to its latest revision",
        "{path}@r{shown}：そこまで大きい改定番号のビジョンはありません。@r0（策定時）、"
        "@r1 のように、最新の改定までの番号で書いてください",
    ),
    "cli/source/missing": (
        "{spec}: no such file or directory",
        "{spec}：そのファイルまたはフォルダはありません",
    ),
    "cli/source/revision-of-folder": (
        "{spec}: @rN names a revision of one vision file",
        "{spec}：@rN はビジョンのファイル一つの改定を指します。フォルダには使えません",
    ),
    "cli/source/revision-not-vision": (
        "{spec}: @rN needs a vision file",
        "{spec}：@rN はビジョンのファイルに付けてください",
    ),
    "cli/source/no-revision": (
        "{spec}: {vision} has no revision {revision} (latest: {latest})",
        "{spec}：「{vision}」に第{revision}回の改定はありません（最新は第{latest}回）",
    ),
    # --- diff (api.diff, cli diff --fail-on) ---
    "cli/diff/invalid-sides": (
        "both sides must be valid plan files",
        "比べる二つとも、エラーのないプランのファイルにしてください",
    ),
    "cli/diff/file-and-folder": (
        "compare a file with a file, or a folder with a folder ({old} and {new} are not both)",
        "ファイルはファイルと、フォルダはフォルダと比べてください（{old} と {new} は"
        "種類が異なります）",
    ),
    "cli/diff/kinds": (
        "cannot compare a {old} with a {new}",
        "{old} と {new} は比べられません。同じ種類の文書どうしを比べてください",
    ),
    "cli/diff/unexplained": (
        "teijuu diff: {count} change(s) at or above {level} without a change note; "
        "explain each in the change_notes of the document it changes "
        "(`- change: ID` and `note: why`):",
        "teijuu diff: 重要度「{level}」以上の変更{count}件に変更の説明がありません。"
        "変更した文書の change_notes にそれぞれの説明を書いてください"
        "（`- change: ID` と `note: 理由`）：",
    ),
    "cli/diff/more": ("  … and {count} more", "  …ほか{count}件"),
}

SHEET: Final[dict[str, tuple[str, str]]] = {
    # --- the entry workbook read back (sheet.py, importing.py): CellProblem ---
    "sheet/not-a-workbook": (
        "not an Excel workbook (.xlsx): {reason}",
        "Excelのブック（.xlsx）として読めません：{reason}",
    ),
    "sheet/not-an-entry-workbook": (
        "not a teijuu entry workbook; fill in one that `teijuu sheet` wrote",
        "teijuu の実績入力シートではありません。`teijuu sheet` で作ったブックに入力してください",
    ),
    "sheet/format": (  # the English names teijuu.sheet.FORMAT (a test holds them together)
        "this workbook's format ({format}) is not teijuu/entry-sheet/v1; write a new one "
        "with `teijuu sheet`",
        "このブックの形式（{format}）は読めません。`teijuu sheet` で作り直してください",
    ),
    "sheet/fiscal-year": (
        "the fiscal year of the workbook is not readable",
        "年度が読めません",
    ),
    "sheet/vision-not-in-plans": (
        "the workbook is for the vision {vision}, which the plans do not hold",
        "このブックは共生ビジョン {vision} のものですが、プランにありません",
    ),
    "sheet/row-missing": (  # kpi: its ids in English, its name in Japanese
        "the row of KPI {number} ({kpi}) is missing (a row was deleted); write the sheet "
        "again with `teijuu sheet`",
        "No.{number}「{kpi}」の行がありません（行が削除されました）。"
        "`teijuu sheet` で作り直してください",
    ),
    "sheet/outside-period": (
        "{year} is outside the vision's period ({start}-{end})",
        "{year}は共生ビジョンの計画期間（{start}～{end}）の外です",
    ),
    "sheet/merged": (
        "cells {cells} are merged; unmerge them, one value per cell",
        "セルが結合されています（{cells}）。結合を解除してください",
    ),
    "sheet/row-added": (
        "row {row} is not one `teijuu sheet` wrote (a row was added); fill in the KPI's own row",
        "{row}行目は `teijuu sheet` が作った行ではありません（追加された行）。"
        "KPIの行に入力してください",
    ),
    "sheet/kpi-gone": (
        "the KPI of this row ({kpi}) is no longer in the vision; write the sheet again with "
        "`teijuu sheet`",
        "この行のKPI（{kpi}）は共生ビジョンにもうありません。`teijuu sheet` で作り直してください",
    ),
    "sheet/row-duplicated": (
        "KPI {number} has two rows ({first} and {row}); keep one",
        "No.{number} の行が重複しています（{first}行目と{row}行目）。一方を削除してください",
    ),
    "sheet/evaluation-not-first": (
        "the evaluation is one per measure: write it in the measure's first row (KPI {first})",
        "年度評価は施策ごとに1つです。施策の最初の行（No.{first}）に入力してください",
    ),
    "sheet/formula": (
        "a formula cannot be imported; type its value instead",
        "数式は取り込めません。計算結果の値を入力してください",
    ),
    "sheet/error-value": (
        "an error value ({value}) cannot be imported; type the value",
        "エラー値（{value}）は取り込めません",
    ),
    "sheet/actual-date": (
        "the actual is a date; set the cell's format to General and type the number",
        "実績値が日付になっています。セルの書式を「標準」にして数値を入力してください",
    ),
    "sheet/actual-not-number": (
        "the actual is not a number ({shown!r}); type a number only, such as 12345 or 66.3",
        "実績値が数値ではありません（「{shown}」）。数値だけを入力してください（例：12345、66.3）",
    ),
    "sheet/actual-out-of-range": (
        "the actual {number} is out of range (under 10^15, at most 12 decimal places)",
        "実績値 {number} は大きすぎるか、小数の桁が多すぎます（10^15未満、小数12桁まで）",
    ),
    "sheet/evaluation-too-long": (
        "the evaluation is {length} characters long; the sheet takes at most {limit}",
        "年度評価が{length}字あります。{limit}字以内にしてください",
    ),
    "sheet/evaluation-not-text": (  # found: what the cell holds, in English only for now
        "the evaluation is a text{found}",
        "年度評価は文章で入力してください{found}",
    ),
    "sheet/evaluation-alone": (
        "an evaluation needs an actual of one of the measure's KPIs beside it; type the actual",
        "年度評価だけでは取り込めません。施策のKPIの実績値も入力してください",
    ),
    "sheet/evaluation-split": (
        "this measure's evaluation is split per municipality ({municipalities}); record it "
        "with `teijuu record --municipality`",
        "この施策の年度評価は市町ごとに分かれています（{municipalities}）。"
        "`teijuu record --municipality` で記録してください",
    ),
    "sheet/not-imported": (
        "{reason}",
        "取り込めません。何も書き込んでいません：{reason}",
    ),
}
