// The GOV.UK-style session timeout warning.
//
// A modal dialog opens a couple of minutes before the session's idle limit. "Stay signed in" (or Escape)
// renews the session with a keep-alive POST; doing nothing lets the session end. When it ends, a form
// with anything typed in it is posted with a marker field: the server keeps what was typed as a draft
// (it never acts on it) and restores it after the person signs in again. Otherwise the page reloads and
// the server sends the person to sign in.

const dialog = document.getElementById('timeout-warning')

function inWords (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`
}

function isDirty (form) {
  return Array.from(form.elements).some((field) => {
    if (field.type === 'hidden' || field.disabled || !field.name) return false
    if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked
    if (field.tagName === 'SELECT') return Array.from(field.options).some((o) => o.selected !== o.defaultSelected)
    return 'defaultValue' in field && field.value !== field.defaultValue
  })
}

function dirtyForm () {
  const forms = document.querySelectorAll('main form[method="post"], main form[method="POST"]')
  return Array.from(forms).find((form) => !form.hasAttribute('data-timeout-ignore') && isDirty(form))
}

function start (dialog) {
  const warnBefore = Number(dialog.dataset.warnBefore) * 1000
  const keepAliveUrl = dialog.dataset.keepAliveUrl
  const csrfToken = dialog.dataset.csrfToken
  const countdown = dialog.querySelector('.js-timeout-countdown')
  const announcer = dialog.querySelector('.js-timeout-announce')
  const stayButton = dialog.querySelector('.js-timeout-stay')
  const finalNote = dialog.querySelector('.js-timeout-final')
  let expiresAt = Date.now() + Number(dialog.dataset.expiresIn) * 1000
  let warnTimer = null
  let ticker = null
  let returnFocusTo = null
  let lastAnnounced = null

  function secondsLeft () {
    return Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))
  }

  function schedule () {
    clearTimeout(warnTimer)
    warnTimer = setTimeout(open, Math.max(0, expiresAt - warnBefore - Date.now()))
  }

  function update () {
    const left = secondsLeft()
    if (left <= 0) {
      end()
      return
    }
    const words = inWords(left)
    countdown.textContent = words
    // Screen readers hear the time when the dialog opens, then each minute and near the end, not every second.
    const milestone = left > 60 ? inWords(left) : left > 20 ? '1 minute' : '20 seconds'
    if (milestone !== lastAnnounced) {
      lastAnnounced = milestone
      announcer.textContent = `For your security, we will sign you out in ${words}.`
    }
  }

  function open () {
    if (dialog.open) return
    returnFocusTo = document.activeElement
    lastAnnounced = null
    dialog.showModal()
    stayButton.focus()
    update()
    ticker = setInterval(update, 1000)
  }

  function close () {
    clearInterval(ticker)
    if (dialog.open) dialog.close()
    if (returnFocusTo && typeof returnFocusTo.focus === 'function') returnFocusTo.focus()
  }

  async function staySignedIn () {
    try {
      const response = await fetch(keepAliveUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': csrfToken, Accept: 'application/json' }
      })
      if (!response.ok || response.redirected) {
        end()
        return
      }
      const body = await response.json()
      expiresAt = Date.now() + Number(body.expires_in) * 1000
      if (expiresAt - Date.now() <= warnBefore) {
        // The 12-hour limit is near: staying longer is not possible, so say so and keep counting down.
        stayButton.hidden = true
        finalNote.hidden = false
        lastAnnounced = null
        update()
        dialog.querySelector('.dcfp-timeout-dialog__sign-out button').focus()
        return
      }
      close()
      schedule()
    } catch (error) {
      end()
    }
  }

  function end () {
    clearInterval(ticker)
    clearTimeout(warnTimer)
    const form = dirtyForm()
    if (form) {
      const marker = document.createElement('input')
      marker.type = 'hidden'
      marker.name = '_dcfp_timeout'
      marker.value = '1'
      form.appendChild(marker)
      HTMLFormElement.prototype.submit.call(form)
    } else {
      window.location.reload()
    }
  }

  stayButton.addEventListener('click', staySignedIn)
  // Escape means "not now": the person is here, so keep them signed in (as the GOV.UK pattern does).
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    staySignedIn()
  })
  schedule()
}

if (dialog && typeof dialog.showModal === 'function') {
  start(dialog)
}
