from django.urls import path

from notifications.forms import SECTIONS
from notifications.views import actions, documents, incidents, referrals, sections

app_name = "notifications"

urlpatterns = [
    path("", incidents.incident_list, name="list"),
    path("awaiting-my-agreement/", incidents.awaiting_my_agreement, name="awaiting"),
    path("new/", sections.incident_start, name="create"),
    path("<int:pk>/", incidents.incident_detail, name="detail"),
    path("<int:pk>/check/", incidents.incident_check, name="check"),
    # One question page per part of a draft (notifications.forms.SECTIONS), each named edit_<part>.
    *(
        path(
            f"<int:pk>/change/{section.slug}/",
            sections.incident_section,
            {"section": section.slug},
            name=section.url_name.split(":")[1],
        )
        for section in SECTIONS
    ),
    path("<int:pk>/decide/", actions.incident_decide, name="decide"),
    path("<int:pk>/notified/", actions.incident_record_notified, name="notified"),
    path("<int:pk>/conclude/", actions.incident_conclude, name="conclude"),
    path("<int:pk>/withdraw/", actions.incident_withdraw, name="withdraw"),
    path("<int:pk>/refer/", actions.incident_refer, name="refer"),
    path("<int:pk>/record.pdf", documents.record_pdf, name="record_pdf"),
    path("<int:pk>/executive-copy.pdf", documents.executive_copy_pdf, name="executive_copy_pdf"),
    path("referrals/", referrals.referral_list, name="referral_list"),
    path("referrals/new/", referrals.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/close/", referrals.referral_close, name="referral_close"),
]
