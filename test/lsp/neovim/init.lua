-- Minimal Neovim config for the end-to-end test: start istio-mtls-doctor over stdio on the
-- opened buffer, wait for its diagnostics, ask for a hover and the code actions at the first
-- diagnostic, and write everything as JSON to $MTLS_OUT. Uses only Neovim's built-in LSP client.
local out_path = os.getenv('MTLS_OUT')
local server = os.getenv('MTLS_SERVER')
local root = os.getenv('MTLS_ROOT')
local hover_line = tonumber(os.getenv('MTLS_HOVER_LINE') or '0')
local hover_col = tonumber(os.getenv('MTLS_HOVER_COL') or '0')

local function finish(result)
  local f = io.open(out_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'yaml'
local client_id = vim.lsp.start_client({
  name = 'istio-mtls-doctor',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), source = d.source, message = d.message })
end
local result = { ok = ok, diagnostics = diagnostics }
if ok then
  local uri = vim.uri_from_bufnr(bufnr)
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = hover_line, character = hover_col } }, 10000)
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then result.hover = r.result.contents.value or r.result.contents end
    if r.err then result.hover_error = r.err.message end
  end
  local first = vim.diagnostic.get(bufnr)[1]
  local lsp_diag = first.user_data and first.user_data.lsp or {}
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum or first.lnum, character = first.end_col or first.col } },
    context = { diagnostics = { lsp_diag } },
  }, 10000)
  result.actions = {}
  for _, r in pairs(actions or {}) do
    for _, a in ipairs(r.result or {}) do table.insert(result.actions, { title = a.title, edit = a.edit }) end
    if r.err then result.action_error = r.err.message end
  end
end
finish(result)
