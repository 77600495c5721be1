-- SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
-- Neovim's own LSP client drives `retcheck lsp` (lsp_neovim_test.sh sets
-- the environment): open the file, wait for retcheck's diagnostics, take
-- the first code action at the first one as a user would (vim.ui.select
-- answered with the first item), wait for the edit, save the buffer.
-- Neovim 0.7 (Debian bookworm) has no vim.lsp.start: start_client and
-- buf_attach_client do the same.
local retcheck, file, out = os.getenv('RETCHECK'), os.getenv('FILE'), os.getenv('OUT')
local limit = 600000 -- ms: only a broken server takes this long

local function fail(why)
  io.stderr:write('FAIL: ' .. why .. '\n')
  vim.cmd('cquit 1')
end

local client = vim.lsp.start_client({
  name = 'retcheck',
  cmd = { retcheck, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
if not client then fail('retcheck lsp did not start') end
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client)

if not vim.wait(limit, function() return #vim.diagnostic.get(buf) >= 2 end, 50) then
  fail('no diagnostics from retcheck')
end
local diags = vim.diagnostic.get(buf)
table.sort(diags, function(a, b) return a.lnum < b.lnum end)
for _, d in ipairs(diags) do
  io.stdout:write(string.format('diagnostic %d:%d %s %s\n', d.lnum + 1, d.col + 1,
                                tostring(d.code or (d.user_data and d.user_data.lsp.code)), d.message))
end

-- The user's choice: the first action offered at the first finding.
local offered = {}
vim.ui.select = function(items, _, on_choice)
  for _, item in ipairs(items) do
    local action = item.action or item[2]
    table.insert(offered, action.title)
  end
  on_choice(items[1], 1)
end
vim.api.nvim_win_set_cursor(0, { diags[1].lnum + 1, diags[1].col })
local before = vim.api.nvim_buf_get_lines(buf, diags[1].lnum, diags[1].lnum + 1, false)[1]
vim.lsp.buf.code_action()
if not vim.wait(limit, function()
  return vim.api.nvim_buf_get_lines(buf, diags[1].lnum, diags[1].lnum + 1, false)[1] ~= before
end, 50) then
  fail('the code action changed nothing')
end
for _, title in ipairs(offered) do io.stdout:write('action ' .. title .. '\n') end
vim.cmd('write! ' .. vim.fn.fnameescape(out))
vim.lsp.stop_client(client)
vim.cmd('qall!')
