-- Minimal Neovim config for the end-to-end test: start istio-mtls-doctor over stdio on the
-- opened buffer, wait for its diagnostics, ask for a hover and the code actions at the first
-- diagnostic, and write everything as JSON to $MTLS_OUT. Uses only Neovim's built-in LSP client.
local out_path = os.getenv('MTLS_OUT')
local server = os.getenv('MTLS_SERVER')
local root = os.getenv('MTLS_ROOT')
local hover_line = tonumber(os.getenv('MTLS_HOVER_LINE') or '0')
local hover_col = tonumber(os.getenv('MTLS_HOVER_COL') or '0')

local function write_result(result)
  local f = io.open(out_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function request(bufnr, method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  for _, r in pairs(responses or {}) do
    if r.err then return nil, r.err.message end
    return r.result, nil
  end
  return nil, 'no response'
end

-- init.lua runs before the file's buffer exists: do the work once Neovim has entered.
local function run()
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
  local result = { ok = ok, diagnostics = {}, actions = {} }
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, code = lsp.code, source = d.source, message = d.message })
  end
  if ok then
    local uri = vim.uri_from_bufnr(bufnr)
    local hover, hover_err = request(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = hover_line, character = hover_col } })
    result.hover = hover and hover.contents and (hover.contents.value or hover.contents) or nil
    result.hover_error = hover_err
    -- As Neovim's own code_action does: the line's diagnostics back in LSP shape.
    local first = vim.diagnostic.get(bufnr)[1]
    local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, first.lnum)
    local actions, action_err = request(bufnr, 'textDocument/codeAction', {
      textDocument = { uri = uri },
      range = line_diagnostics[1].range,
      context = { diagnostics = line_diagnostics },
    })
    for _, a in ipairs(actions or {}) do table.insert(result.actions, { title = a.title, edit = a.edit }) end
    result.action_error = action_err
  end
  write_result(result)
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', { callback = run })
