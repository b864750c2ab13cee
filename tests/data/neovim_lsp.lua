-- Headless Neovim as a real LSP client of `cgolint server` (tests/test_server_neovim.py).
-- Neovim 0.7 (Debian 12) has no vim.lsp.start: start_client + buf_attach_client work from 0.7 on.
-- Env: CGOLINT_PYTHON (the interpreter with cgolint), CGOLINT_OUT (the JSON written at the end).
local out = assert(os.getenv('CGOLINT_OUT'), 'CGOLINT_OUT is not set')
local result = { steps = {}, messages = {} }

local function diagnostics(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
                         code = d.code, source = d.source, message = d.message })
  end
  return list
end

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'go' -- -u NONE: no filetype detection, and didOpen's languageId comes from it
  local exited = nil
  local client_id = vim.lsp.start_client({
    name = 'cgolint',
    cmd = { os.getenv('CGOLINT_PYTHON'), '-m', 'cgolint', 'server' },
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h'),
    flags = { debounce_text_changes = 50 },
    handlers = {
      ['window/showMessage'] = function(_, res) table.insert(result.messages, res) end,
    },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  assert(client_id, 'the server did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'the buffer was not attached')

  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 1 end, 20),
         'no diagnostic after opening the file')
  table.insert(result.steps, { name = 'opened', diagnostics = diagnostics(bufnr) })

  -- fix the leak in the buffer, without saving: the diagnostic must go
  local leak = vim.diagnostic.get(bufnr)[1].lnum
  vim.api.nvim_buf_set_lines(bufnr, leak + 1, leak + 1, false, { '\tdefer C.free(unsafe.Pointer(p))' })
  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20),
         'the diagnostic stayed after the fix')
  table.insert(result.steps, { name = 'fixed', diagnostics = diagnostics(bufnr), modified = vim.bo[bufnr].modified })

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return exited ~= nil end, 20)
  result.exit = exited
end

local ok, err = pcall(main)
result.ok = ok
result.error = ok and vim.NIL or tostring(err)
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd(ok and 'qa!' or 'cquit 1')
