"""A case returned by the supervisor or the IMU is an in-app notification for its officer,
with the reasons, once per return (4.5.1, 4.5.4)."""

from django.utils import timezone

from crs.cases import services as s
from crs.reminders.models import Kind, Notification
from crs.reminders.scheduler import schedule
from tests.cases.walk import in_qa, in_review

from .helpers import run_tasks


def test_the_officer_is_notified_once_of_a_supervisors_return_with_its_reasons(pc_ali, sgt_brown):
    case = s.return_to_officer(in_review(pc_ali), sgt_brown, reasons="The victim's wishes?")
    for _ in range(2):
        schedule(timezone.now())
        run_tasks()
    sent = Notification.objects.get(reminder__kind=Kind.CASE_RETURNED)
    assert sent.recipient == pc_ali
    assert sent.case == case
    assert "returned by the supervisor" in sent.text
    assert "The victim's wishes?" in sent.text


def test_each_imu_return_is_its_own_notification(pc_ali, rev_evans, imu_fisher):
    case = s.imu_return(in_qa(pc_ali, rev_evans), imu_fisher, reasons="Sign it again.")
    schedule(timezone.now())
    case = s.approve_review(case, rev_evans, note="Signed.")
    s.imu_return(case, imu_fisher, reasons="The date is wrong.")
    schedule(timezone.now())
    run_tasks()
    texts = sorted(n.text for n in Notification.objects.filter(recipient=pc_ali))
    assert len(texts) == 2
    assert all("returned by the IMU" in t for t in texts)
    assert "Sign it again." in texts[0] + texts[1] and "The date is wrong." in texts[0] + texts[1]


def test_a_case_put_right_is_not_notified(pc_ali, sgt_brown):
    case = s.return_to_officer(in_review(pc_ali), sgt_brown, reasons="Sign it again.")
    s.submit_for_review(case, pc_ali)
    schedule(timezone.now())
    assert not Notification.objects.exists()
    run_tasks()
    assert not Notification.objects.filter(reminder__kind=Kind.CASE_RETURNED).exists()
